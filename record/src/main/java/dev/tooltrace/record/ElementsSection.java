/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.util.List;

/**
 * Reads one {@link RecordFormat#SECTION_ELEMENTS} payload, for both readers: {@link
 * DocumentDecoder} (into {@link ElementRef}s) and {@link CallViewDecoder} (checked in place, read
 * only when asked), with the same checks and messages, so that a damaged section fails alike.
 */
final class ElementsSection {
  private ElementsSection() {}

  /**
   * Reads the payload from the reader's position up to {@code end}: adds the entries to {@code
   * refs} (when not null) and returns {@code flags | omitted << 8}. {@code value} names the value
   * in messages (its {@code toString()} is called only for a damaged section).
   */
  static long read(In in, int end, Object value, List<ElementRef> refs) {
    int flags = in.u8();
    long omitted = in.varint();
    int count = in.varint();
    if (count < 0 || count > end - in.position()) {
      throw new CorruptRecordException("elements of value " + value + " have bad count " + count);
    }
    for (int i = 0; i < count; i++) {
      int f = in.u8();
      long hi = 0;
      long lo = 0;
      boolean hasHash = (f & RecordFormat.ELEMENT_HAS_HASH) != 0;
      if (hasHash) {
        hi = in.i64();
        lo = in.i64();
      }
      long producer = 0;
      boolean hasProducer = (f & RecordFormat.ELEMENT_HAS_PRODUCER) != 0;
      if (hasProducer) {
        producer = in.i64();
      }
      if (refs != null) {
        refs.add(
            new ElementRef(
                f & RecordFormat.ELEMENT_DEPTH_MASK,
                (f & RecordFormat.ELEMENT_CONTAINER) != 0,
                hasHash ? Hex.of(hi, lo) : null,
                hasHash && (f & RecordFormat.ELEMENT_HASH_PARTIAL) != 0,
                hasProducer ? Hex.of(producer) : null,
                hasProducer && (f & RecordFormat.ELEMENT_PRODUCER_ELEMENT) != 0));
      }
    }
    if (in.position() > end) {
      throw new CorruptRecordException("elements of value " + value + " overrun their section");
    }
    return (flags & 0xFF) | (Math.max(0, omitted) << 8);
  }
}
