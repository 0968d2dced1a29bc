/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A growable little-endian byte buffer for encoding documents. Not thread-safe: the agent keeps one
 * per thread and reuses it, so steady-state encoding allocates nothing.
 */
public final class Buf {
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] data;
  private int len;

  public Buf(int capacity) {
    data = new byte[Math.max(16, capacity)];
  }

  public byte[] array() {
    return data;
  }

  public int length() {
    return len;
  }

  public void clear() {
    len = 0;
  }

  /**
   * Clears, and lets go of a buffer grown past {@code maxRetained} bytes by one huge record: a
   * per-thread buffer must not keep megabytes alive for the thread's lifetime.
   */
  public void clearAndTrim(int maxRetained) {
    len = 0;
    if (data.length > maxRetained) {
      data = new byte[Math.max(16, maxRetained)];
    }
  }

  /** Truncates to {@code length}, e.g. to drop a partially written element. */
  public void truncate(int length) {
    len = length;
  }

  private void ensure(int extra) {
    if (len + extra > data.length) {
      byte[] n = new byte[Math.max(data.length * 2, len + extra)];
      System.arraycopy(data, 0, n, 0, len);
      data = n;
    }
  }

  public Buf u8(int v) {
    ensure(1);
    data[len++] = (byte) v;
    return this;
  }

  public Buf u16(int v) {
    ensure(2);
    data[len++] = (byte) v;
    data[len++] = (byte) (v >>> 8);
    return this;
  }

  public Buf i32(int v) {
    ensure(4);
    INT.set(data, len, v);
    len += 4;
    return this;
  }

  /** Overwrites 4 bytes at {@code pos} (a length written after its content). */
  public void i32At(int pos, int v) {
    INT.set(data, pos, v);
  }

  /** The byte at {@code pos}, unsigned. */
  public int u8At(int pos) {
    return data[pos] & 0xFF;
  }

  /** Overwrites the byte at {@code pos}. */
  public void u8At(int pos, int v) {
    data[pos] = (byte) v;
  }

  /**
   * Inserts {@code v} as a varint at {@code pos}, moving what follows: for a length known only
   * after its content was written (value sections, rare and short).
   */
  public void insertVarint(int pos, int v) {
    int n = 1;
    for (int x = v >>> 7; x != 0; x >>>= 7) {
      n++;
    }
    ensure(n);
    System.arraycopy(data, pos, data, pos + n, len - pos);
    int end = len;
    len = pos;
    varint(v);
    len = end + n;
  }

  public void u16At(int pos, int v) {
    data[pos] = (byte) v;
    data[pos + 1] = (byte) (v >>> 8);
  }

  public Buf i64(long v) {
    ensure(8);
    LONG.set(data, len, v);
    len += 8;
    return this;
  }

  public Buf f64(double v) {
    return i64(Double.doubleToRawLongBits(v));
  }

  public Buf varint(int v) {
    ensure(5);
    while ((v & ~0x7F) != 0) {
      data[len++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    data[len++] = (byte) v;
    return this;
  }

  public Buf bytes(byte[] src, int off, int n) {
    ensure(n);
    System.arraycopy(src, off, data, len, n);
    len += n;
    return this;
  }

  public Buf bytes(byte[] src) {
    return bytes(src, 0, src.length);
  }

  public Buf append(Buf other) {
    return bytes(other.data, 0, other.len);
  }

  /** A string as varint length + UTF-8; null is written as the empty string. */
  public Buf str(CharSequence s) {
    return str(s, Integer.MAX_VALUE);
  }

  /**
   * Writes at most {@code maxChars} chars of {@code s} as UTF-8 without allocating: a first pass
   * computes the encoded length (for the shortest varint prefix), a second writes the bytes. A
   * surrogate pair cut by the limit is dropped whole; a lone surrogate becomes '?'.
   */
  public Buf str(CharSequence s, int maxChars) {
    if (s == null) {
      return u8(0);
    }
    int n = Math.min(s.length(), maxChars);
    if (asciiStr(s, n)) {
      return this;
    }
    if (n < s.length() && n > 0 && Character.isHighSurrogate(s.charAt(n - 1))) {
      n--;
    }
    int bytes = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes++;
      } else {
        bytes += 3;
      }
    }
    varint(bytes);
    ensure(bytes);
    byte[] d = data;
    int p = len;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        d[p++] = (byte) c;
      } else if (c < 0x800) {
        d[p++] = (byte) (0xC0 | (c >> 6));
        d[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        d[p++] = (byte) (0xF0 | (cp >> 18));
        d[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        d[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        d[p++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        d[p++] = (byte) '?';
      } else {
        d[p++] = (byte) (0xE0 | (c >> 12));
        d[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        d[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    len = p;
    return this;
  }

  /**
   * The common case of {@link #str(CharSequence, int)} in one pass: writes the first {@code n}
   * chars of {@code s} if all of them are ASCII (one byte each, so the length prefix is {@code n})
   * and returns true; otherwise writes nothing and returns false, for the general two-pass
   * encoding. A high surrogate cut by the limit is not ASCII, so that case stays with the general
   * path too.
   */
  private boolean asciiStr(CharSequence s, int n) {
    int start = len;
    varint(n);
    ensure(n);
    byte[] d = data;
    int p = len;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        len = start;
        return false;
      }
      d[p + i] = (byte) c;
    }
    len = p + n;
    return true;
  }

  public byte[] toByteArray() {
    byte[] r = new byte[len];
    System.arraycopy(data, 0, r, 0, len);
    return r;
  }
}
