/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.backup;

/**
 * Where the readable data of a Chronicle cycle file ends.
 *
 * @param dataEnd the byte offset just past the last complete document (past the end-of-file marker
 *     when {@code sealed}); the bytes before it are what a backup stores
 * @param sealed whether Chronicle wrote its end-of-file marker: no document will ever be added, so
 *     the file is complete
 */
public record CycleScan(long dataEnd, boolean sealed) {}
