/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/**
 * One tracked call read in place from its CALLS document: the fields of a {@link CallRecord} with
 * ids kept as numbers, strings as {@link Utf8Slice}s of the document's bytes and values as {@link
 * ValueView}s. A reader that re-encodes every call (the OTLP exporter, at hundreds of thousands of
 * calls a second) gets them without building strings, hex ids or records.
 *
 * <p>One instance is reused for every call of every document ({@link CallViewDecoder}): it is valid
 * only during the {@link CallViewVisitor#onCallView} call that hands it out, and a reader that
 * keeps anything copies it. The decoder reads a call completely (values, error, sections) before
 * handing it out, so a call that turns out corrupt is never seen half-read.
 */
public final class CallView {
  final Utf8Slice threadName = new Utf8Slice();
  final Utf8Slice tool = new Utf8Slice();
  final Utf8Slice operation = new Utf8Slice();
  final Utf8Slice codeNamespace = new Utf8Slice();
  final Utf8Slice codeFunction = new Utf8Slice();
  final Utf8Slice descriptor = new Utf8Slice();
  final Utf8Slice errorType = new Utf8Slice();
  final Utf8Slice errorMessage = new Utf8Slice();
  final Utf8Slice errorStackTrace = new Utf8Slice();
  ValueView[] args = new ValueView[4];
  final ValueView result = new ValueView();

  long queueIndex;
  long runIdHi;
  long runIdLo;
  long threadId;
  long traceIdHi;
  long traceIdLo;
  long spanId;
  long parentSpanId;
  int toolId;
  long startEpochNanos;
  long durationNanos;
  boolean error;
  int flags;
  double confidence;
  int argCount;

  // The document's chain position and where its link lies in {@code doc} (-1: unchained).
  byte[] doc;
  long chainSeq = -1;
  int chainLinkOffset = -1;

  // The call's cost section (capture.cost); -1: not measured.
  long cpuNanos = -1;
  long selfCpuNanos = -1;
  long allocatedBytes = -1;
  long selfAllocatedBytes = -1;

  CallView() {
    for (int i = 0; i < args.length; i++) {
      args[i] = new ValueView();
    }
  }

  /** The view for argument {@code i}, growing the pool as needed (decoder side). */
  ValueView argSlot(int i) {
    if (i >= args.length) {
      ValueView[] more = new ValueView[Math.max(i + 1, args.length * 2)];
      System.arraycopy(args, 0, more, 0, args.length);
      for (int j = args.length; j < more.length; j++) {
        more[j] = new ValueView();
      }
      args = more;
    }
    return args[i];
  }

  /** The chain position of the document holding the call ({@link Chain}), -1 when unchained. */
  public long chainSeq() {
    return chainSeq;
  }

  /**
   * Copies the link of the document holding the call into {@code out} (32 bytes); false, copying
   * nothing, when the document is unchained.
   */
  public boolean copyChainLink(byte[] out) {
    if (chainLinkOffset < 0) {
      return false;
    }
    System.arraycopy(doc, chainLinkOffset, out, 0, Chain.LINK_BYTES);
    return true;
  }

  /** Whether the call's cost was measured ({@link CallRecord#hasCost()}). */
  public boolean hasCost() {
    return cpuNanos >= 0;
  }

  public long cpuNanos() {
    return cpuNanos;
  }

  public long selfCpuNanos() {
    return selfCpuNanos;
  }

  public long allocatedBytes() {
    return allocatedBytes;
  }

  public long selfAllocatedBytes() {
    return selfAllocatedBytes;
  }

  /** The queue index of the document holding the call. */
  public long queueIndex() {
    return queueIndex;
  }

  public long runIdHi() {
    return runIdHi;
  }

  public long runIdLo() {
    return runIdLo;
  }

  public long threadId() {
    return threadId;
  }

  public Utf8Slice threadName() {
    return threadName;
  }

  public long traceIdHi() {
    return traceIdHi;
  }

  public long traceIdLo() {
    return traceIdLo;
  }

  public long spanId() {
    return spanId;
  }

  /** The parent's span id, 0 for a root call. */
  public long parentSpanId() {
    return parentSpanId;
  }

  public boolean isRoot() {
    return parentSpanId == 0;
  }

  public int toolId() {
    return toolId;
  }

  public Utf8Slice tool() {
    return tool;
  }

  public Utf8Slice operation() {
    return operation;
  }

  public Utf8Slice codeNamespace() {
    return codeNamespace;
  }

  public Utf8Slice codeFunction() {
    return codeFunction;
  }

  public Utf8Slice descriptor() {
    return descriptor;
  }

  public long startEpochNanos() {
    return startEpochNanos;
  }

  public long durationNanos() {
    return durationNanos;
  }

  public long endEpochNanos() {
    return startEpochNanos + durationNanos;
  }

  public boolean error() {
    return error;
  }

  public int flags() {
    return flags;
  }

  public boolean hasFlag(int flag) {
    return (flags & flag) != 0;
  }

  /** Whether the tool reported a confidence ({@link CallRecord#confidence()} not null). */
  public boolean hasConfidence() {
    return !Double.isNaN(confidence);
  }

  /** The confidence, NaN when none was reported. */
  public double confidence() {
    return confidence;
  }

  public int argCount() {
    return argCount;
  }

  public ValueView arg(int i) {
    if (i < 0 || i >= argCount) {
      throw new IndexOutOfBoundsException("argument " + i + " of " + argCount);
    }
    return args[i];
  }

  /** The return value ({@link ValueView#isVoid()} for void methods and failed calls). */
  public ValueView result() {
    return result;
  }

  /** The exception class of a failed call; empty when the call succeeded. */
  public Utf8Slice errorType() {
    return errorType;
  }

  public Utf8Slice errorMessage() {
    return errorMessage;
  }

  public Utf8Slice errorStackTrace() {
    return errorStackTrace;
  }

  @Override
  public String toString() {
    return "CallView{" + tool + " " + Hex.of(spanId) + "}";
  }
}
