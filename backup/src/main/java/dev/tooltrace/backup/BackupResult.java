/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.backup;

import java.util.List;

/**
 * What one backup did.
 *
 * @param copied files stored by this backup (new, grown or changed)
 * @param unchanged files the backup already held as they are now
 * @param incomplete cycle files stored as a consistent prefix because they are still being written
 *     (a later backup completes them)
 * @param bytesCopied bytes written into the backup
 */
public record BackupResult(
    List<String> copied, List<String> unchanged, List<String> incomplete, long bytesCopied) {}
