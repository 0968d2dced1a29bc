/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.evidence;

import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RunEndRecord;
import dev.tooltrace.record.RunRecord;
import dev.tooltrace.record.SampleRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** Everything the report needs about one run, gathered in a single pass over the queue. */
final class RunData {
  static final int SLOWEST = 10;

  final String runId;
  RunRecord run;
  RunEndRecord end;
  final Map<String, ToolAccumulator> tools = new LinkedHashMap<>();
  final Map<List<String>, ErrorAcc> errors = new LinkedHashMap<>();
  final List<SampleRecord> samples = new ArrayList<>();

  /** The slowest calls so far; the head is the fastest of them, evicted first. */
  final PriorityQueue<CallRecord> slowest =
      new PriorityQueue<>(Comparator.comparingLong(CallRecord::durationNanos));

  long firstNanos = Long.MAX_VALUE;
  long lastNanos = Long.MIN_VALUE;

  RunData(String runId) {
    this.runId = runId;
  }

  static final class ErrorAcc {
    long count;
    CallRecord first;
  }

  void add(CallRecord c) {
    tools.computeIfAbsent(c.tool(), ToolAccumulator::new).add(c.durationNanos(), c.error());
    seen(c.startEpochNanos());
    seen(c.endEpochNanos());
    slowest.add(stripped(c));
    if (slowest.size() > SLOWEST) {
      slowest.poll();
    }
    if (c.error()) {
      CallRecord.ErrorInfo e = c.errorInfo();
      String type = e == null ? "(unknown)" : e.type();
      String msg = e == null || e.message() == null ? "" : e.message();
      ErrorAcc acc = errors.computeIfAbsent(List.of(c.tool(), type, msg), k -> new ErrorAcc());
      acc.count++;
      if (acc.first == null || c.startEpochNanos() < acc.first.startEpochNanos()) {
        acc.first = stripped(c);
      }
    }
  }

  /** Keeps only what the report prints: argument values can be large. */
  private static CallRecord stripped(CallRecord c) {
    return c.toBuilder().args(List.of()).result(null).build();
  }

  void seen(long epochNanos) {
    firstNanos = Math.min(firstNanos, epochNanos);
    lastNanos = Math.max(lastNanos, epochNanos);
  }
}
