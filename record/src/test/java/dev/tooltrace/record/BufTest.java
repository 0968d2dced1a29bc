/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BufTest {
  @Test
  void stringsRoundTripIncludingNonAscii() {
    Buf b = new Buf(4);
    String[] samples = {"", "plain", "naïve café", "日本語", "emoji 😀 end", "x".repeat(300)};
    for (String s : samples) {
      b.str(s);
    }
    In in = new In(b.toByteArray());
    for (String s : samples) {
      assertEquals(s, in.str());
    }
    assertEquals(0, in.remaining());
  }

  @Test
  void boundedStringsNeverSplitASurrogatePair() {
    Buf b = new Buf(16);
    b.str("ab😀", 3); // the limit falls inside the pair: the pair is dropped whole
    b.str("lone \uD800 surrogate");
    In in = new In(b.toByteArray());
    assertEquals("ab", in.str());
    assertEquals("lone ? surrogate", in.str());
  }

  @Test
  void numbersRoundTripLittleEndian() {
    Buf b = new Buf(1);
    b.u8(255).u16(65535).i32(-7).i64(Long.MIN_VALUE).f64(Math.PI).varint(300);
    In in = new In(b.toByteArray());
    assertEquals(255, in.u8());
    assertEquals(65535, in.u16());
    assertEquals(-7, in.i32());
    assertEquals(Long.MIN_VALUE, in.i64());
    assertEquals(Math.PI, in.f64());
    assertEquals(300, in.varint());
  }

  @Test
  void truncatedInputIsACorruptRecordNotAnIndexError() {
    Buf b = new Buf(8).i32(1);
    In in = new In(b.toByteArray());
    assertThrows(CorruptRecordException.class, in::i64);
  }
}
