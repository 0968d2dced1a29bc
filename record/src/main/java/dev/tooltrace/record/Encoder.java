/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/**
 * Writer side of {@link RecordFormat}. Static, allocation-free helpers that append one element at a
 * time to a {@link Buf}; the agent calls them on its hot path.
 */
public final class Encoder {
  private Encoder() {}

  private static void docHeader(Buf b, byte type) {
    b.u8(RecordFormat.MAGIC).u8(RecordFormat.VERSION).u8(type);
  }

  /**
   * Starts a CALLS document; returns the position of its u16 count, patched by {@link #endCalls}.
   */
  public static int beginCalls(
      Buf b, long runHi, long runLo, long threadId, CharSequence threadName) {
    docHeader(b, RecordFormat.DOC_CALLS);
    b.i64(runHi).i64(runLo).i64(threadId).str(threadName, 256);
    int pos = b.length();
    b.u16(0);
    return pos;
  }

  public static void endCalls(Buf b, int countPos, int count) {
    b.u16At(countPos, count);
  }

  /** Starts one call with its tool block inline; see the overload. */
  public static int beginCall(
      Buf b,
      long traceHi,
      long traceLo,
      long spanId,
      long parentSpanId,
      ToolBlock tool,
      long startEpochNanos,
      long durationNanos,
      boolean error,
      int flags,
      double confidence) {
    return beginCall(
        b,
        traceHi,
        traceLo,
        spanId,
        parentSpanId,
        tool,
        true,
        startEpochNanos,
        durationNanos,
        error,
        flags,
        confidence);
  }

  /**
   * Starts one call; returns the position of its length, to pass to {@link #endCall}. With {@code
   * inlineTool} false only the tool id is written: the caller guarantees that an earlier call of
   * the same document carried the tool's block inline.
   */
  public static int beginCall(
      Buf b,
      long traceHi,
      long traceLo,
      long spanId,
      long parentSpanId,
      ToolBlock tool,
      boolean inlineTool,
      long startEpochNanos,
      long durationNanos,
      boolean error,
      int flags,
      double confidence) {
    int pos = b.length();
    b.i32(0);
    b.i64(traceHi).i64(traceLo).i64(spanId).i64(parentSpanId);
    if (inlineTool) {
      b.u8(RecordFormat.TOOL_INLINE);
      tool.writeTo(b);
    } else {
      b.u8(RecordFormat.TOOL_REF).i32(tool.toolId);
    }
    b.i64(startEpochNanos).i64(durationNanos);
    b.u8(error ? RecordFormat.OUTCOME_ERROR : RecordFormat.OUTCOME_OK).u8(flags).f64(confidence);
    return pos;
  }

  public static void endCall(Buf b, int lenPos) {
    b.i32At(lenPos, b.length() - lenPos - 4);
  }

  public static void argCount(Buf b, int n) {
    b.u8(n);
  }

  public static void valueNull(Buf b) {
    b.u8(RecordFormat.VALUE_NULL);
  }

  public static void valueVoid(Buf b) {
    b.u8(RecordFormat.VALUE_VOID);
  }

  public static void valueBoolean(Buf b, boolean v) {
    b.u8(RecordFormat.VALUE_BOOLEAN).u8(v ? 1 : 0);
  }

  public static void valueInt(Buf b, long v) {
    b.u8(RecordFormat.VALUE_INT).i64(v);
  }

  public static void valueLong(Buf b, long v) {
    b.u8(RecordFormat.VALUE_LONG).i64(v);
  }

  public static void valueDouble(Buf b, double v) {
    b.u8(RecordFormat.VALUE_DOUBLE).f64(v);
  }

  public static void valueRedacted(Buf b, CharSequence actualType) {
    b.u8(RecordFormat.VALUE_REDACTED).str(actualType, 512);
  }

  public static void valueUnavailable(Buf b, CharSequence reason) {
    b.u8(RecordFormat.VALUE_UNAVAILABLE).str(reason, 512);
  }

  /**
   * Starts an object value up to (excluding) its preview: the caller then writes the preview with
   * {@link Buf#str(CharSequence, int)}, then {@link #objectTail}.
   */
  public static void objectHead(
      Buf b, byte[] actualTypeUtf8, int hashKind, long hashHi, long hashLo, long size, int flags) {
    b.u8(RecordFormat.VALUE_OBJECT);
    b.bytes(actualTypeUtf8);
    b.u8(hashKind).i64(hashHi).i64(hashLo).i64(size).u8(flags);
  }

  /** Ends an object value: the producing span (0 when unknown) and an optional full capture. */
  public static void objectTail(Buf b, long producerSpanId, CharSequence capture) {
    b.i64(producerSpanId);
    if (capture != null) {
      b.str(capture);
    }
  }

  public static void error(Buf b, CharSequence type, CharSequence message, CharSequence stack) {
    b.str(type, 512).str(message, 4096).str(stack, 16384);
  }

  /** A whole RUN document. */
  public static void run(
      Buf b, long runHi, long runLo, long startEpochNanos, long pid, String json) {
    docHeader(b, RecordFormat.DOC_RUN);
    b.i64(runHi).i64(runLo).i64(startEpochNanos).i64(pid).str(json);
  }

  /** A whole RUN_END document. */
  public static void runEnd(Buf b, long runHi, long runLo, long endEpochNanos, String json) {
    docHeader(b, RecordFormat.DOC_RUN_END);
    b.i64(runHi).i64(runLo).i64(endEpochNanos).str(json);
  }

  /** A whole SAMPLE document: named measurements taken at one instant. */
  public static void sample(
      Buf b, long runHi, long runLo, long epochNanos, String[] names, double[] values) {
    docHeader(b, RecordFormat.DOC_SAMPLE);
    b.i64(runHi).i64(runLo).i64(epochNanos).u8(names.length);
    for (int i = 0; i < names.length; i++) {
      b.str(names[i]).f64(values[i]);
    }
  }

  /** The UTF-8 string encoding of {@code s} (varint length + bytes), for caching. */
  public static byte[] encodeStr(String s) {
    return new Buf(s.length() + 8).str(s).toByteArray();
  }
}
