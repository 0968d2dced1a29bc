/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/**
 * Writes one value ({@code value} in {@link RecordFormat}) into any {@link Buf}: the agent encodes
 * arguments into a frame's buffer when they arrive and the return value straight into the {@link
 * BatchWriter}'s document; a value's elements ({@link RecordFormat#SECTION_ELEMENTS}) go into a
 * scratch buffer first ({@link #elementEntry}) and then into the value ({@link #elements}). Static
 * and allocation-free: it runs on the application's threads.
 */
public final class ValueEncoder {
  private ValueEncoder() {}

  public static void nullValue(Buf b) {
    b.u8(RecordFormat.VALUE_NULL);
  }

  public static void voidValue(Buf b) {
    b.u8(RecordFormat.VALUE_VOID);
  }

  public static void booleanValue(Buf b, boolean v) {
    b.u8(RecordFormat.VALUE_BOOLEAN).u8(v ? 1 : 0);
  }

  /** byte, char, short or int: widened to 8 bytes, the declared type says which. */
  public static void intValue(Buf b, long v) {
    b.u8(RecordFormat.VALUE_INT).i64(v);
  }

  public static void longValue(Buf b, long v) {
    b.u8(RecordFormat.VALUE_LONG).i64(v);
  }

  /** float or double: 8 bytes, the declared type says which. */
  public static void doubleValue(Buf b, double v) {
    b.u8(RecordFormat.VALUE_DOUBLE).f64(v);
  }

  /** A value withheld by annotation or configuration: only its type is written. */
  public static void redacted(Buf b, CharSequence actualType) {
    b.u8(RecordFormat.VALUE_REDACTED).str(actualType, 512);
  }

  /** A value the agent could not describe, and why. */
  public static void unavailable(Buf b, CharSequence reason) {
    b.u8(RecordFormat.VALUE_UNAVAILABLE).str(reason, 512);
  }

  /**
   * Starts an object value up to (excluding) its preview: the caller then writes the preview with
   * {@link Buf#str(CharSequence, int)}, then {@link #objectTail}.
   *
   * @param actualTypeUtf8 the runtime type's name, pre-encoded with {@link Encoder#encodeStr}
   * @param hashKind one of {@code RecordFormat.HASH_*}
   * @param size chars, elements or bytes; -1 when it has none
   * @param flags {@code RecordFormat.VFLAG_*}; {@code VFLAG_CAPTURED} promises a capture in {@link
   *     #objectTail}
   */
  public static void objectHead(
      Buf b, byte[] actualTypeUtf8, int hashKind, long hashHi, long hashLo, long size, int flags) {
    b.u8(RecordFormat.VALUE_OBJECT);
    b.bytes(actualTypeUtf8);
    b.u8(hashKind).i64(hashHi).i64(hashLo).i64(size).u8(flags);
  }

  /**
   * Ends an object value: the producing span (0 when unknown) and the full capture ({@link
   * CaptureFormat} JSON), which must be non-null exactly when the head's flags had {@code
   * VFLAG_CAPTURED}.
   */
  public static void objectTail(Buf b, long producerSpanId, CharSequence capture) {
    b.i64(producerSpanId);
    if (capture != null) {
      b.str(capture);
    }
  }

  /**
   * Lets the value that starts at {@code valueStart} (and has just been written completely) carry
   * sections: marks its kind byte and returns where the sections start. Write each with {@link
   * #section}, then close them with {@link #endSections}.
   */
  public static int beginSections(Buf b, int valueStart) {
    b.u8At(valueStart, b.u8At(valueStart) | RecordFormat.VALUE_HAS_SECTIONS);
    return b.length();
  }

  /** Writes the length of the value sections begun at {@code sectionsStart}. */
  public static void endSections(Buf b, int sectionsStart) {
    b.insertVarint(sectionsStart, b.length() - sectionsStart);
  }

  /**
   * Starts one section (of a value, a call or a document): its tag and payload length; the caller
   * then writes exactly {@code payloadLength} bytes.
   */
  public static void section(Buf b, int tag, int payloadLength) {
    b.u8(tag).varint(payloadLength);
  }

  /**
   * Appends one element entry ({@link RecordFormat#SECTION_ELEMENTS}) to {@code entries}, a scratch
   * buffer that {@link #elements} then copies into the value.
   *
   * @param depth 0 for an element of the value itself, up to {@link
   *     RecordFormat#ELEMENT_DEPTH_MASK}
   * @param container whether the element's own elements follow
   * @param hashKind {@code RecordFormat.HASH_*}: NONE writes no hash
   * @param producer the span that returned the object (or a container holding it, with {@code
   *     producerIsElement}); 0 when none
   */
  public static void elementEntry(
      Buf entries,
      int depth,
      boolean container,
      int hashKind,
      long hashHi,
      long hashLo,
      long producer,
      boolean producerIsElement) {
    int f = depth & RecordFormat.ELEMENT_DEPTH_MASK;
    if (container) {
      f |= RecordFormat.ELEMENT_CONTAINER;
    }
    if (hashKind != RecordFormat.HASH_NONE) {
      f |= RecordFormat.ELEMENT_HAS_HASH;
      if (hashKind == RecordFormat.HASH_PARTIAL) {
        f |= RecordFormat.ELEMENT_HASH_PARTIAL;
      }
    }
    if (producer != 0) {
      f |= RecordFormat.ELEMENT_HAS_PRODUCER;
      if (producerIsElement) {
        f |= RecordFormat.ELEMENT_PRODUCER_ELEMENT;
      }
    }
    entries.u8(f);
    if (hashKind != RecordFormat.HASH_NONE) {
      entries.i64(hashHi).i64(hashLo);
    }
    if (producer != 0) {
      entries.i64(producer);
    }
  }

  /**
   * Ends the value that starts at {@code valueStart} (and has just been written completely) with
   * its elements section: {@code count} entries written by {@link #elementEntry} into {@code
   * entries}, the {@code ELEMENTS_*} flags and how many elements have no entry.
   */
  public static void elements(
      Buf b, int valueStart, int flags, long omitted, int count, Buf entries) {
    int omit = (int) Math.min(Integer.MAX_VALUE, Math.max(0, omitted));
    int sections = beginSections(b, valueStart);
    section(
        b,
        RecordFormat.SECTION_ELEMENTS,
        1 + varintLength(omit) + varintLength(count) + entries.length());
    b.u8(flags).varint(omit).varint(count);
    b.append(entries);
    endSections(b, sections);
  }

  private static int varintLength(int v) {
    int n = 1;
    for (int x = v >>> 7; x != 0; x >>>= 7) {
      n++;
    }
    return n;
  }
}
