/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The two ends of one cycle file's stretch of the chain: its first document (chain position and the
 * link before it) and its last (position and link). What a seal of that file states — when the
 * queue rolls past it, or before retention deletes it.
 *
 * @param firstPrev the link before the file's first document (its anchor)
 */
public record FileChain(
    int cycle,
    long firstIndex,
    long firstSeq,
    byte[] firstPrev,
    long lastIndex,
    long lastSeq,
    byte[] lastLink,
    long documents) {

  /**
   * Reads the ends of {@code cycle}'s file, or returns null when the file holds no document or its
   * first or last document carries no chain (written before chaining).
   */
  public static FileChain of(SingleChronicleQueue queue, int cycle) {
    RollCycle rc = queue.rollCycle();
    try (ExcerptTailer t = queue.createTailer()) {
      long n = t.excerptsInCycle(cycle);
      if (n <= 0) {
        return null;
      }
      long firstIndex = rc.toIndex(cycle, 0);
      long lastIndex = rc.toIndex(cycle, n - 1);
      ChainLink first = linkAt(t, firstIndex);
      ChainLink last = linkAt(t, lastIndex);
      if (first == null || last == null || first.prev() == null) {
        return null;
      }
      return new FileChain(
          cycle, firstIndex, first.seq(), first.prev(), lastIndex, last.seq(), last.link(), n);
    }
  }

  private static ChainLink linkAt(ExcerptTailer t, long index) {
    if (!t.moveToIndex(index)) {
      return null;
    }
    try (DocumentContext dc = t.readingDocument()) {
      if (!dc.isPresent() || dc.isMetaData()) {
        return null;
      }
      Bytes<?> b = dc.wire().bytes();
      byte[] doc = new byte[(int) b.readRemaining()];
      b.read(doc);
      return Chain.find(doc, doc.length);
    }
  }
}
