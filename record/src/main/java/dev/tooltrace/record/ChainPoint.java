/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/**
 * Where one appended document sits in its queue's chain: what a seal names as the start or the end
 * of the stretch it attests.
 *
 * @param index the document's queue index
 * @param seq its chain position
 * @param prev the link before it
 * @param link its link
 */
public record ChainPoint(long index, long seq, byte[] prev, byte[] link) {}
