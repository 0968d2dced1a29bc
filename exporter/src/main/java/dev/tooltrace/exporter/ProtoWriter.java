/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import dev.tooltrace.record.Hex;
import dev.tooltrace.record.Utf8Slice;
import java.nio.charset.StandardCharsets;

/**
 * Protocol Buffers wire format into a growable byte array: the few field types OTLP uses (varint,
 * fixed32, fixed64, length-delimited). A nested message is written in place: {@link #begin}
 * reserves one length byte, {@link #end} fills it in and, for the rare message longer than 127
 * bytes, moves the content to make room for a longer length. Lengths are always written minimally
 * (canonical protobuf). Reused across requests; not thread-safe.
 */
final class ProtoWriter {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LEN = 2;
  static final int FIXED32 = 5;

  private byte[] buf;
  private int pos;

  public ProtoWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  private ProtoWriter(byte[] buf) {
    this.buf = buf;
  }

  /** A writer into an array of exactly {@code size} bytes, for a message whose size is known. */
  static ProtoWriter exact(int size) {
    return new ProtoWriter(new byte[size]);
  }

  public byte[] array() {
    return buf;
  }

  public int length() {
    return pos;
  }

  public void clear() {
    pos = 0;
  }

  /** Drops the buffer back to {@code max} bytes when a burst made it larger. */
  public void trim(int max) {
    if (buf.length > max && pos <= max) {
      byte[] b = new byte[max];
      System.arraycopy(buf, 0, b, 0, pos);
      buf = b;
    }
  }

  /** The encoded tag of a field, to precompute as a constant. */
  static int tag(int field, int wireType) {
    return (field << 3) | wireType;
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      byte[] b = new byte[Math.max(pos + n, buf.length * 2)];
      System.arraycopy(buf, 0, b, 0, pos);
      buf = b;
    }
  }

  public void raw(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }

  public void raw(byte[] b) {
    raw(b, 0, b.length);
  }

  public void rawByte(int b) {
    ensure(1);
    buf[pos++] = (byte) b;
  }

  public void varint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  static int varintSize(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      n++;
      v >>>= 7;
    }
    return n;
  }

  public void fixed64(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[pos++] = (byte) v;
      v >>>= 8;
    }
  }

  public void fixed32(int v) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buf[pos++] = (byte) v;
      v >>>= 8;
    }
  }

  // ---- fields ----

  public void varintField(int field, long v) {
    varint(tag(field, VARINT));
    varint(v);
  }

  public void fixed64Field(int field, long v) {
    varint(tag(field, FIXED64));
    fixed64(v);
  }

  public void fixed32Field(int field, int v) {
    varint(tag(field, FIXED32));
    fixed32(v);
  }

  public void doubleField(int field, double v) {
    fixed64Field(field, Double.doubleToRawLongBits(v));
  }

  public void bytesField(int field, byte[] b, int off, int len) {
    varint(tag(field, LEN));
    varint(len);
    raw(b, off, len);
  }

  public void stringField(int field, Utf8Slice s) {
    bytesField(field, s.array(), s.offset(), s.length());
  }

  /** A string field from a Java string (rare values: tiers, resource attributes). */
  public void stringField(int field, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    bytesField(field, b, 0, b.length);
  }

  /** A trace id (16 bytes, big-endian as in W3C trace context) or span id (8 bytes). */
  public void idField(int field, long hi, long lo) {
    varint(tag(field, LEN));
    rawByte(16);
    bigEndian(hi);
    bigEndian(lo);
  }

  public void idField(int field, long id) {
    varint(tag(field, LEN));
    rawByte(8);
    bigEndian(id);
  }

  private void bigEndian(long v) {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      buf[pos + i] = (byte) v;
      v >>>= 8;
    }
    pos += 8;
  }

  /** {@code v} as 16 lowercase hex digits, no tag or length. */
  public void hexAscii(long v) {
    ensure(16);
    Hex.ascii(v, buf, pos);
    pos += 16;
  }

  /** A string field holding {@code v} as lowercase hex (16 digits), as ids are shown to users. */
  public void hexField(int field, long v) {
    varint(tag(field, LEN));
    rawByte(16);
    ensure(16);
    Hex.ascii(v, buf, pos);
    pos += 16;
  }

  /** A string field holding {@code hi} and {@code lo} as 32 lowercase hex digits. */
  public void hexField(int field, long hi, long lo) {
    varint(tag(field, LEN));
    rawByte(32);
    ensure(32);
    Hex.ascii(hi, buf, pos);
    Hex.ascii(lo, buf, pos + 16);
    pos += 32;
  }

  // ---- nested messages ----

  /** Starts a length-delimited field; returns the mark to pass to {@link #end}. */
  public int begin(int field) {
    varint(tag(field, LEN));
    ensure(1);
    pos++; // one length byte reserved
    return pos;
  }

  /** Ends the field begun at {@code mark}: writes its length, moving the content if needed. */
  public void end(int mark) {
    int len = pos - mark;
    if (len < 0x80) {
      buf[mark - 1] = (byte) len;
      return;
    }
    int extra = varintSize(len) - 1;
    ensure(extra);
    System.arraycopy(buf, mark, buf, mark + extra, len);
    pos += extra;
    int p = mark - 1;
    int v = len;
    while ((v & ~0x7F) != 0) {
      buf[p++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[p] = (byte) v;
  }
}
