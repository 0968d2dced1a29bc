/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.util.Arrays;

/**
 * Builds one thread's CALLS documents (see {@link RecordFormat}): the document header, each call's
 * head with its tool block inline at the tool's first call in the document and by id after, the
 * arguments, return value and error, and the call and document counts patched in at the end. The
 * agent's recorder drives one per application thread; test fixtures drive the same class, so every
 * CALLS document in a test is built the way the agent builds it.
 *
 * <p>A document is built call by call:
 *
 * <pre>{@code
 * if (!w.isOpen()) w.open(threadName);
 * int mark = w.mark();
 * int call = w.beginCall(traceHi, traceLo, spanId, parentSpanId, tool, start, duration,
 *                        error, flags, confidence);
 * w.arguments(argCount, argumentValues);      // values encoded earlier with ValueEncoder
 * ValueEncoder.longValue(w.buf(), result);    // the return value (void when the call threw)
 * if (error) w.error(type, message, stack);
 * if (measured) w.cost(cpu, selfCpu, allocated, selfAllocated);   // optional
 * w.endCall(call);                            // or w.rollback(mark) if anything failed
 * ...
 * Buf doc = w.finish();                       // append doc, then
 * w.reset();
 * }</pre>
 *
 * <p>Not thread-safe and allocation-free in steady state: it runs on the application's threads.
 */
public final class BatchWriter {
  /** Most calls one document can count (its count is a u16). */
  public static final int MAX_CALLS = 0xFFFF;

  private final Buf buf;
  private final long runHi;
  private final long runLo;
  private final long threadId;
  private final int retainedCapacity;
  private boolean open;
  private int countPos;
  private int calls;

  /** Tool ids whose block is already inline in the open document (a handful at most). */
  private int[] inlined = new int[8];

  private int inlinedCount;

  /**
   * @param capacity the initial buffer size in bytes; a buffer grown past 8 times this by a huge
   *     record is let go at {@link #reset}
   */
  public BatchWriter(long runHi, long runLo, long threadId, int capacity) {
    this.buf = new Buf(capacity);
    this.runHi = runHi;
    this.runLo = runLo;
    this.threadId = threadId;
    this.retainedCapacity = Math.max(capacity, 1024);
  }

  /** Whether a document is open (begun with {@link #open}, not yet {@link #reset}). */
  public boolean isOpen() {
    return open;
  }

  /** Calls completed in the open document. */
  public int calls() {
    return calls;
  }

  /** Bytes of the open document so far. */
  public int bytes() {
    return buf.length();
  }

  /** Starts a CALLS document; {@code threadName} is the writing thread's name now. */
  public void open(CharSequence threadName) {
    if (open) {
      throw new IllegalStateException("a CALLS document is already open");
    }
    buf.clear();
    inlinedCount = 0;
    calls = 0;
    Encoder.docHeader(buf, RecordFormat.DOC_CALLS);
    buf.i64(runHi).i64(runLo).i64(threadId).str(threadName, 256);
    countPos = buf.length();
    buf.u16(0);
    open = true;
  }

  /**
   * Starts one call and writes its head; returns the call's position, for {@link #endCall}. The
   * tool's block is written inline when this is the tool's first call in the document, else its id
   * only.
   *
   * @param confidence in [0,1], or NaN when the tool reported none
   */
  public int beginCall(
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
    if (!open || calls == MAX_CALLS) {
      throw new IllegalStateException(
          open ? "the CALLS document is full: finish it first" : "no CALLS document is open");
    }
    Buf b = buf;
    int pos = b.length();
    b.i32(0);
    b.i64(traceHi).i64(traceLo).i64(spanId).i64(parentSpanId);
    if (markInlined(tool.toolId)) {
      b.u8(RecordFormat.TOOL_INLINE);
      tool.writeTo(b);
    } else {
      b.u8(RecordFormat.TOOL_REF).i32(tool.toolId);
    }
    b.i64(startEpochNanos).i64(durationNanos);
    b.u8(error ? RecordFormat.OUTCOME_ERROR : RecordFormat.OUTCOME_OK).u8(flags).f64(confidence);
    return pos;
  }

  /**
   * Writes the call's argument count and its {@code count} values, encoded earlier (with {@link
   * ValueEncoder}) into {@code values}.
   */
  public void arguments(int count, Buf values) {
    buf.u8(count).append(values);
  }

  /**
   * Writes the call's argument count; the caller then writes that many values into {@link #buf}.
   */
  public void argumentCount(int count) {
    buf.u8(count);
  }

  /**
   * The open document's buffer, where the call in progress gets its values (through {@link
   * ValueEncoder}) and, later, its sections.
   */
  public Buf buf() {
    return buf;
  }

  /** Writes the exception of a call begun with {@code error}, after its (void) return value. */
  public void error(CharSequence type, CharSequence message, CharSequence stackTrace) {
    buf.str(type, 512).str(message, 4096).str(stackTrace, 16384);
  }

  /**
   * Writes the call's cost ({@link RecordFormat#SECTION_COST}), after its return value and error:
   * thread CPU time and allocated bytes, nested calls included and without them.
   */
  public void cost(long cpuNanos, long selfCpuNanos, long allocatedBytes, long selfAllocatedBytes) {
    ValueEncoder.section(buf, RecordFormat.SECTION_COST, 32);
    buf.i64(cpuNanos).i64(selfCpuNanos).i64(allocatedBytes).i64(selfAllocatedBytes);
  }

  /** Completes the call begun at {@code callPos}: patches its length and counts it. */
  public void endCall(int callPos) {
    buf.i32At(callPos, buf.length() - callPos - 4);
    calls++;
  }

  /** A position to {@link #rollback} to: the end of the last complete call. */
  public int mark() {
    return buf.length();
  }

  /**
   * Drops everything written after {@code mark} (a call whose recording failed half-way). Tool
   * blocks inlined since are forgotten as a whole, so the next call of every tool writes its block
   * again: a later reference never points at a block that was cut away.
   */
  public void rollback(int mark) {
    if (!open) {
      return;
    }
    if (calls == 0 || mark < countPos + 2) {
      reset();
      return;
    }
    buf.truncate(mark);
    inlinedCount = 0;
  }

  /**
   * Patches the call count and returns the complete document, valid until {@link #reset}; null when
   * no call was completed.
   */
  public Buf finish() {
    if (!open || calls == 0) {
      return null;
    }
    buf.u16At(countPos, calls);
    return buf;
  }

  /** Closes the document (appended or dropped); the next call starts a new one. */
  public void reset() {
    open = false;
    calls = 0;
    inlinedCount = 0;
    buf.clearAndTrim(8 * retainedCapacity);
  }

  /** Whether {@code toolId}'s block must be written inline; marks it as written. */
  private boolean markInlined(int toolId) {
    int[] t = inlined;
    int n = inlinedCount;
    for (int i = 0; i < n; i++) {
      if (t[i] == toolId) {
        return false;
      }
    }
    if (n == t.length) {
      inlined = t = Arrays.copyOf(t, n * 2);
    }
    t[n] = toolId;
    inlinedCount = n + 1;
    return true;
  }
}
