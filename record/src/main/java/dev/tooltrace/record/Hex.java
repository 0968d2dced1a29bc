/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/** Lowercase hex forms of ids and hashes, as W3C trace context and OTLP/JSON spell them. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  public static String of(long v) {
    char[] c = new char[16];
    for (int i = 15; i >= 0; i--) {
      c[i] = DIGITS[(int) (v & 0xF)];
      v >>>= 4;
    }
    return new String(c);
  }

  /**
   * Writes {@code v} as 16 lowercase hex digits (ASCII, hence UTF-8) at {@code dst[off]}, for
   * writers that put ids and hashes into bytes without making a String.
   */
  public static void ascii(long v, byte[] dst, int off) {
    for (int i = off + 15; i >= off; i--) {
      dst[i] = (byte) DIGITS[(int) (v & 0xF)];
      v >>>= 4;
    }
  }

  public static String of(long hi, long lo) {
    return of(hi) + of(lo);
  }

  public static String of(byte[] b) {
    char[] c = new char[b.length * 2];
    for (int i = 0; i < b.length; i++) {
      c[2 * i] = DIGITS[(b[i] >> 4) & 0xF];
      c[2 * i + 1] = DIGITS[b[i] & 0xF];
    }
    return new String(c);
  }

  /** Parses 16 hex chars into a long; throws IllegalArgumentException otherwise. */
  public static long parseLong(String s) {
    if (s.length() != 16) {
      throw new IllegalArgumentException("expected 16 hex digits, got '" + s + "'");
    }
    return Long.parseUnsignedLong(s, 16);
  }

  public static boolean isHex(String s, int len) {
    if (s == null || s.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
