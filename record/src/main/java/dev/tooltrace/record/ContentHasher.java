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
 * <p>Reusable and allocation-free; not thread-safe (the agent keeps one per thread).
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

  public ContentHasher putLong(long v) {
    if (pending == 0) {
      k1 = v;
      pending = 8;
      return this;
    }
    if (pending == 8) {
      block(k1, v);
      k1 = 0;
      pending = 0;
      return this;
    }
    for (int i = 0; i < 8; i++) {
      putByte((int) (v >>> (i * 8)));
    }
    return this;
  }

  public ContentHasher putChar(char c) {
    putByte(c);
    return putByte(c >>> 8);
  }

  /**
   * Hashes chars [from, to) of {@code s} as UTF-16LE code units, four at a time (the same bytes as
   * one {@link #putChar} after the other: strings are the most common argument, and byte by byte
   * their hashing was the largest part of a tracked call's cost).
   */
  public ContentHasher putChars(CharSequence s, int from, int to) {
    int i = from;
    for (; i + 4 <= to; i += 4) {
      put8(
          s.charAt(i)
              | (long) s.charAt(i + 1) << 16
              | (long) s.charAt(i + 2) << 32
              | (long) s.charAt(i + 3) << 48);
    }
    for (; i < to; i++) {
      char c = s.charAt(i);
      putByte(c);
      putByte(c >>> 8);
    }
    return this;
  }

  /** Eight bytes, {@code v} little-endian, at any number of pending bytes. */
  private void put8(long v) {
    int p = pending;
    if (p == 0) {
      k1 = v;
      pending = 8;
    } else if (p < 8) {
      // k2 is empty below 8 pending bytes: v's low bytes complete k1, its high bytes start k2.
      k1 |= v << (p * 8);
      k2 = v >>> ((8 - p) * 8);
      pending = p + 8;
    } else if (p == 8) {
      block(k1, v);
      k1 = 0;
      k2 = 0;
      pending = 0;
    } else {
      int q = p - 8;
      block(k1, k2 | v << (q * 8));
      k1 = v >>> ((8 - q) * 8);
      k2 = 0;
      pending = q;
    }
  }

  public ContentHasher putBytes(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      putByte(b[i]);
    }
    return this;
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
