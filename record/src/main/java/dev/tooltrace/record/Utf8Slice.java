/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.nio.charset.StandardCharsets;

/**
 * The UTF-8 bytes of one string field of a document being read, without a copy: a window onto the
 * reader's buffer. Valid only while the {@link CallView} that handed it out is (during one {@link
 * CallViewVisitor#onCallView} call); a reader that keeps a value copies it ({@link #toString()}).
 *
 * <p>Exists so that a reader that only re-encodes strings (the OTLP exporter writes them into
 * protobuf as UTF-8) never builds a {@link String}: the stored bytes are already valid UTF-8.
 */
public final class Utf8Slice {
  private byte[] array;
  private int offset;
  private int length;

  Utf8Slice() {
    this.array = new byte[0];
  }

  /** A slice over constant bytes (names and types the format implies rather than stores). */
  static Utf8Slice of(String s) {
    Utf8Slice u = new Utf8Slice();
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    u.set(b, 0, b.length);
    return u;
  }

  void set(byte[] array, int offset, int length) {
    this.array = array;
    this.offset = offset;
    this.length = length;
  }

  void set(Utf8Slice other) {
    set(other.array, other.offset, other.length);
  }

  /** The buffer holding the bytes; read only {@code [offset, offset + length)}. */
  public byte[] array() {
    return array;
  }

  public int offset() {
    return offset;
  }

  public int length() {
    return length;
  }

  public boolean isEmpty() {
    return length == 0;
  }

  /** Whether this slice holds the same bytes as {@code [off, off + len)} of {@code other}. */
  public boolean contentEquals(byte[] other, int off, int len) {
    return len == length
        && java.util.Arrays.equals(array, offset, offset + length, other, off, off + len);
  }

  /** A hash of the bytes (not of the position), for lookups keyed by a slice's content. */
  public int contentHash() {
    int h = 1;
    for (int i = offset, end = offset + length; i < end; i++) {
      h = 31 * h + array[i];
    }
    return h;
  }

  /** The bytes as a new {@link String}: a copy that outlives the view. */
  @Override
  public String toString() {
    return new String(array, offset, length, StandardCharsets.UTF_8);
  }
}
