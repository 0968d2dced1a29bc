/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContentHasherTest {
  @Test
  void emptyInputIsMurmur3ZeroVector() {
    ContentHasher h = new ContentHasher().finish();
    assertEquals(0L, h.hi);
    assertEquals(0L, h.lo);
  }

  @Test
  void knownMurmur3Vector() {
    // MurmurHash3_x64_128("The quick brown fox jumps over the lazy dog", seed 0), as published
    // with the reference implementation: e34bbc7bbc071b6c 7a433ca9c49a9347.
    byte[] in = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);
    ContentHasher h = new ContentHasher().putBytes(in, 0, in.length).finish();
    assertEquals(
        "6c1b07bc7bbc4be347939ac4a93c437a",
        Hex.of(Long.reverseBytes(h.hi), Long.reverseBytes(h.lo)));
  }

  @Test
  void chunkingDoesNotChangeTheHash() {
    ContentHasher a = new ContentHasher();
    ContentHasher b = new ContentHasher();
    for (int i = 0; i < 100; i++) {
      a.putLong(0x0102030405060708L * i);
      long v = 0x0102030405060708L * i;
      for (int k = 0; k < 8; k++) {
        b.putByte((int) (v >>> (8 * k)));
      }
    }
    a.putByte(9);
    b.putByte(9);
    assertEquals(a.finish().hex(), b.finish().hex());
  }

  @Test
  void primitivesAndTheirBoxesHashAlikeAndTypesDiffer() {
    ContentHasher h = new ContentHasher();
    PrimitiveValues.hashIntegral(h, 'I', 5);
    String int5 = h.finish().hex();
    assertEquals(int5, PrimitiveValues.hashIntegral('I', 5));
    assertNotEquals(int5, PrimitiveValues.hashIntegral('J', 5), "int 5 is not long 5");
    assertNotEquals(
        PrimitiveValues.hashFloating('D', 0.0), PrimitiveValues.hashFloating('D', -0.0));
    assertEquals(
        PrimitiveValues.hashFloating('D', Double.NaN),
        PrimitiveValues.hashFloating('D', Double.longBitsToDouble(0x7ff8000000000001L)),
        "NaN is canonical");
  }

  @Test
  void stringsHashByContent() {
    String a = new String("hello world".toCharArray());
    String b = "hello " + "world".toString();
    assertEquals(
        new ContentHasher().putString(a).finish().hex(),
        new ContentHasher().putString(b).finish().hex());
    assertNotEquals(
        new ContentHasher().putString("ab").finish().hex(),
        new ContentHasher().putString("ba").finish().hex());
  }

  @Test
  void charsFourAtATimeHashLikeOneByOneAtEveryAlignment() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 70; i++) {
      sb.append((char) (i * 7919 % 0xD7FF + 1));
    }
    String text = sb.toString();
    for (int lead = 0; lead < 16; lead++) {
      for (int n = 0; n <= text.length(); n += 3) {
        ContentHasher fast = new ContentHasher().reset();
        ContentHasher slow = new ContentHasher().reset();
        for (int b = 0; b < lead; b++) {
          fast.putByte(b);
          slow.putByte(b);
        }
        fast.putChars(text, 0, n);
        for (int i = 0; i < n; i++) {
          slow.putChar(text.charAt(i));
        }
        fast.finish();
        slow.finish();
        assertEquals(slow.hi, fast.hi, "lead " + lead + ", " + n + " chars");
        assertEquals(slow.lo, fast.lo, "lead " + lead + ", " + n + " chars");
        assertEquals(slow.bytesHashed(), fast.bytesHashed());
      }
    }
  }

  /** The hash of the same bytes fed one at a time: what every bulk path must equal. */
  private static String bytewise(byte[] prefix, byte[] b) {
    ContentHasher h = new ContentHasher();
    for (byte x : prefix) {
      h.putByte(x);
    }
    for (byte x : b) {
      h.putByte(x);
    }
    return h.finish().hex();
  }

  @Test
  void bulkBytesEqualBytewiseAtEveryAlignmentAndLength() {
    Random r = new Random(7);
    for (int misalign = 0; misalign < 17; misalign++) {
      byte[] prefix = new byte[misalign];
      r.nextBytes(prefix);
      for (int len : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 100, 4097}) {
        byte[] b = new byte[len + 3];
        r.nextBytes(b);
        byte[] slice = java.util.Arrays.copyOfRange(b, 3, 3 + len);
        ContentHasher h = new ContentHasher();
        for (byte x : prefix) {
          h.putByte(x);
        }
        h.putBytes(b, 3, len);
        assertEquals(bytewise(prefix, slice), h.finish().hex(), misalign + "/" + len);
      }
    }
  }

  @Test
  void bulkCharsAndLongsEqualBytewiseAtEveryAlignment() {
    Random r = new Random(11);
    for (int misalign = 0; misalign < 17; misalign++) {
      byte[] prefix = new byte[misalign];
      r.nextBytes(prefix);
      for (int len : new int[] {0, 1, 3, 4, 5, 511, 512, 513, 2000}) {
        char[] c = new char[len];
        for (int i = 0; i < len; i++) {
          c[i] = (char) r.nextInt(0x10000);
        }
        String s = new String(c);
        byte[] utf16le = new byte[2 * len]; // code units as they are (lone surrogates too)
        for (int i = 0; i < len; i++) {
          utf16le[2 * i] = (byte) c[i];
          utf16le[2 * i + 1] = (byte) (c[i] >>> 8);
        }
        String expected = bytewise(prefix, utf16le);
        ContentHasher a = new ContentHasher();
        ContentHasher b = new ContentHasher();
        ContentHasher sb = new ContentHasher();
        for (byte x : prefix) {
          a.putByte(x);
          b.putByte(x);
          sb.putByte(x);
        }
        assertEquals(expected, a.putChars(s, 0, len).finish().hex(), "String " + misalign);
        assertEquals(expected, b.putChars(c, 0, len).finish().hex(), "char[] " + misalign);
        assertEquals(
            expected,
            sb.putChars(new StringBuilder(s), 0, len).finish().hex(),
            "CharSequence " + misalign);
      }
      long v = r.nextLong();
      byte[] le = new byte[8];
      for (int k = 0; k < 8; k++) {
        le[k] = (byte) (v >>> (8 * k));
      }
      ContentHasher h = new ContentHasher();
      for (byte x : prefix) {
        h.putByte(x);
      }
      assertEquals(bytewise(prefix, le), h.putLong(v).finish().hex(), "long " + misalign);
    }
  }
}
