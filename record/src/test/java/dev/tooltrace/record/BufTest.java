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
  void asciiAndMixedStringsEncodeAsUtf8WithTheirByteLength() {
    String[] samples = {
      "a",
      "x".repeat(127),
      "y".repeat(128), // a two-byte length prefix
      "ascii until here é then not",
      "é first",
      "ascii then 日本 then ascii",
      "ascii then 😀",
      "z".repeat(200) + "ü"
    };
    for (String s : samples) {
      for (int max : new int[] {Integer.MAX_VALUE, 5, 14, 128}) {
        for (CharSequence cs : new CharSequence[] {s, new StringBuilder(s)}) {
          Buf b = new Buf(4);
          b.u8(0x55).str(cs, max);
          int n = Math.min(s.length(), max);
          if (n < s.length() && Character.isHighSurrogate(s.charAt(n - 1))) {
            n--;
          }
          byte[] utf8 = s.substring(0, n).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          Buf expected = new Buf(4);
          expected.u8(0x55).varint(utf8.length).bytes(utf8);
          org.junit.jupiter.api.Assertions.assertArrayEquals(
              expected.toByteArray(), b.toByteArray(), s + " limited to " + max);
        }
      }
    }
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
