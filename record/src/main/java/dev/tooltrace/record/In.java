/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link Buf} wrote. Throws {@link CorruptRecordException} on a short or bad read.
 * Package-private: byte offsets are read only inside the record contract.
 */
final class In {
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] data;
  private int pos;
  private final int limit;

  public In(byte[] data) {
    this(data, 0, data.length);
  }

  public In(byte[] data, int off, int len) {
    this.data = data;
    this.pos = off;
    this.limit = off + len;
  }

  public int position() {
    return pos;
  }

  /** The bytes read (positions are offsets into it). */
  byte[] array() {
    return data;
  }

  public void position(int p) {
    pos = p;
  }

  public int remaining() {
    return limit - pos;
  }

  private void need(int n) {
    if (n < 0 || pos + n > limit) {
      throw new CorruptRecordException(
          "record truncated: needed " + n + " bytes at offset " + pos + ", limit " + limit);
    }
  }

  public int u8() {
    need(1);
    return data[pos++] & 0xFF;
  }

  public int u16() {
    need(2);
    int v = (data[pos] & 0xFF) | ((data[pos + 1] & 0xFF) << 8);
    pos += 2;
    return v;
  }

  public int i32() {
    need(4);
    int v = (int) INT.get(data, pos);
    pos += 4;
    return v;
  }

  public long i64() {
    need(8);
    long v = (long) LONG.get(data, pos);
    pos += 8;
    return v;
  }

  public double f64() {
    return Double.longBitsToDouble(i64());
  }

  public int varint() {
    int v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = u8();
      v |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new CorruptRecordException("bad varint at offset " + pos);
  }

  public String str() {
    int n = varint();
    need(n);
    String s = new String(data, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  public byte[] bytes(int n) {
    need(n);
    byte[] r = new byte[n];
    System.arraycopy(data, pos, r, 0, n);
    pos += n;
    return r;
  }

  public void skip(int n) {
    need(n);
    pos += n;
  }
}
