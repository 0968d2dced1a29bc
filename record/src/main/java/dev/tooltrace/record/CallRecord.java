/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.util.List;

/**
 * One tracked call as read back from the queue. Ids are lowercase hex as in W3C trace context;
 * {@code parentSpanId} is "" for a root call.
 */
public record CallRecord(
    long queueIndex,
    String runId,
    long threadId,
    String threadName,
    String traceId,
    String spanId,
    String parentSpanId,
    int toolId,
    String tool,
    String operation,
    String codeNamespace,
    String codeFunction,
    String descriptor,
    long startEpochNanos,
    long durationNanos,
    boolean error,
    int flags,
    Double confidence,
    List<ValueRecord> args,
    ValueRecord result,
    ErrorInfo errorInfo) {

  /** The exception a failed call threw. */
  public record ErrorInfo(String type, String message, String stackTrace) {}

  public boolean isRoot() {
    return parentSpanId.isEmpty();
  }

  public long endEpochNanos() {
    return startEpochNanos + durationNanos;
  }

  public boolean hasFlag(int flag) {
    return (flags & flag) != 0;
  }
}
