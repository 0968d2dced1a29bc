/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/**
 * Streaming MurmurHash3 (x64, 128-bit, seed 0) over a value's canonical encoding. Equal values give
 * equal hashes in every JVM, on every run: the encoding depends only on content (never on {@code
 * hashCode()}, identity or iteration order of unordered collections).
 *
 * <p>Reusable and allocation-free once warm (a 1 KB chunk for copying strings is made at first
 * use); not thread-safe (the agent keeps one per thread). Bulk input ({@link #putBytes}, {@link
 * #putChars}) is fed eight bytes at a time, at any alignment: the hash is that of the same bytes
 * fed one by one.
 *
 * <h2>Canonical encoding (the data-versioning contract)</h2>
 *
 * Each value starts with a one-byte tag: {@code Z} boolean, {@code B S C I J} integral types
 * (8-byte two's complement), {@code F D} floating point (IEEE bits, NaN canonical), {@code s}
 * string (8-byte length, then UTF-16 code units), {@code N} null, {@code [} arrays (component tag,
 * length, elements), {@code E} enum (class name, constant name), {@code R} record (class name,
 * components in order), {@code L} list (size, elements), {@code U} set and {@code M} map (size,
 * then an order-independent combination of element hashes).
 */
public final class ContentHasher {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  private long h1;
  private long h2;
  private long total;
  // Pending bytes (up to 16) as two little-endian longs.
  private long k1;
  private long k2;
  private int pending;

  /** The result of {@link #finish()}: high and low 64 bits. */
  public long hi;

  public long lo;

  public ContentHasher reset() {
    h1 = 0;
    h2 = 0;
    total = 0;
    k1 = 0;
    k2 = 0;
    pending = 0;
    return this;
  }

  public long bytesHashed() {
    return total + pending;
  }

  public ContentHasher putByte(int b) {
    long v = b & 0xFFL;
    if (pending < 8) {
      k1 |= v << (pending * 8);
    } else {
      k2 |= v << ((pending - 8) * 8);
    }
    if (++pending == 16) {
      block(k1, k2);
      k1 = 0;
      k2 = 0;
      pending = 0;
    }
    return this;
  }

  /** Eight bytes, little-endian, at any alignment of the pending block. */
  public ContentHasher putLong(long v) {
    int p = pending;
    if (p == 0) {
      k1 = v;
      pending = 8;
    } else if (p == 8) {
      block(k1, v);
      k1 = 0;
      pending = 0;
    } else if (p < 8) {
      int s = p << 3;
      k1 |= v << s;
      k2 = v >>> (64 - s);
      pending = p + 8;
    } else {
      int s = (p - 8) << 3;
      block(k1, k2 | (v << s));
      k1 = v >>> (64 - s);
      k2 = 0;
      pending = p - 8;
    }
    return this;
  }

  public ContentHasher putChar(char c) {
    putByte(c);
    return putByte(c >>> 8);
  }

  /**
   * Hashes chars [from, to) of {@code s} as UTF-16LE code units. Strings are copied out in chunks
   * ({@link String#getChars}, an intrinsic) and fed four code units at a time.
   */
  public ContentHasher putChars(CharSequence s, int from, int to) {
    if (!(s instanceof String)) {
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        putByte(c);
        putByte(c >>> 8);
      }
      return this;
    }
    String str = (String) s;
    char[] buf = chunk();
    for (int at = from; at < to; ) {
      int n = Math.min(CHUNK, to - at);
      str.getChars(at, at + n, buf, 0);
      putChars(buf, 0, n);
      at += n;
    }
    return this;
  }

  /** Hashes chars [off, off + len) of {@code c} as UTF-16LE code units. */
  public ContentHasher putChars(char[] c, int off, int len) {
    int i = off;
    int end = off + len;
    for (; i + 4 <= end; i += 4) {
      putLong(c[i] | (long) c[i + 1] << 16 | (long) c[i + 2] << 32 | (long) c[i + 3] << 48);
    }
    for (; i < end; i++) {
      putByte(c[i]);
      putByte(c[i] >>> 8);
    }
    return this;
  }

  public ContentHasher putBytes(byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end && (pending & 7) != 0) {
      putByte(b[i++]);
    }
    for (; i + 8 <= end; i += 8) {
      putLong((long) LONG_LE.get(b, i));
    }
    while (i < end) {
      putByte(b[i++]);
    }
    return this;
  }

  private static final int CHUNK = 512;
  private static final java.lang.invoke.VarHandle LONG_LE =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private char[] chunk;

  private char[] chunk() {
    char[] c = chunk;
    if (c == null) {
      chunk = c = new char[CHUNK];
    }
    return c;
  }

  /** A string in canonical form: tag, length, code units. */
  public ContentHasher putString(CharSequence s) {
    putByte('s');
    putLong(s.length());
    return putChars(s, 0, s.length());
  }

  private void block(long a, long b) {
    a *= C1;
    a = Long.rotateLeft(a, 31);
    a *= C2;
    h1 ^= a;
    h1 = Long.rotateLeft(h1, 27);
    h1 += h2;
    h1 = h1 * 5 + 0x52dce729;
    b *= C2;
    b = Long.rotateLeft(b, 33);
    b *= C1;
    h2 ^= b;
    h2 = Long.rotateLeft(h2, 31);
    h2 += h1;
    h2 = h2 * 5 + 0x38495ab5;
    total += 16;
  }

  /** Completes the hash into {@link #hi}/{@link #lo}; the hasher must be reset before reuse. */
  public ContentHasher finish() {
    long len = total + pending;
    long a = k1;
    long b = k2;
    if (pending > 8) {
      b *= C2;
      b = Long.rotateLeft(b, 33);
      b *= C1;
      h2 ^= b;
    }
    if (pending > 0) {
      a *= C1;
      a = Long.rotateLeft(a, 31);
      a *= C2;
      h1 ^= a;
    }
    h1 ^= len;
    h2 ^= len;
    h1 += h2;
    h2 += h1;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 += h2;
    h2 += h1;
    hi = h1;
    lo = h2;
    return this;
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  /** The finished hash as 32 lowercase hex chars (the form shown to users). */
  public String hex() {
    return Hex.of(hi, lo);
  }
}
