/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.report;

import dev.tooltrace.cli.report.ReportModel.CallView;
import dev.tooltrace.cli.report.ReportModel.TraceView;
import dev.tooltrace.record.CallRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The run's slowest traces, in two passes with bounded memory: the first keeps the {@link
 * Limits#SLOWEST_TRACES} slowest root calls (a root is a call without a parent), the second keeps,
 * per chosen trace, its root and its {@link Limits#TRACE_CALLS} slowest calls, shown in start
 * order. Only bounded views ({@link Views}) are kept, never the records with their values.
 */
final class SlowestTraces {
  private static final Comparator<CallView> BY_DURATION =
      Comparator.comparingLong(CallView::durationNanos)
          .thenComparing(CallView::spanId, Comparator.reverseOrder());

  private final long t0;
  private final PriorityQueue<CallView> roots = new PriorityQueue<>(BY_DURATION);
  private Map<String, Trace> chosen;

  private static final class Trace {
    final CallView root;
    final PriorityQueue<CallView> calls = new PriorityQueue<>(BY_DURATION);
    long seen;

    Trace(CallView root) {
      this.root = root;
    }
  }

  SlowestTraces(long t0) {
    this.t0 = t0;
  }

  /** First pass: every call of the run. */
  void offerRoot(CallRecord c) {
    if (!c.isRoot()) {
      return;
    }
    CallView head = roots.peek();
    if (roots.size() >= Limits.SLOWEST_TRACES
        && head != null
        && head.durationNanos() >= c.durationNanos()) {
      return;
    }
    roots.add(Views.call(c, t0, false));
    if (roots.size() > Limits.SLOWEST_TRACES) {
      roots.poll();
    }
  }

  /** Whether the second pass is needed at all. */
  boolean any() {
    return !roots.isEmpty();
  }

  /** Second pass: every call of the run again. */
  void collect(CallRecord c) {
    if (chosen == null) {
      chosen = new HashMap<>();
      for (CallView r : roots) {
        chosen.put(r.traceId(), new Trace(r));
      }
    }
    Trace t = chosen.get(c.traceId());
    if (t == null || c.spanId().equals(t.root.spanId())) {
      return;
    }
    t.seen++;
    CallView head = t.calls.peek();
    if (t.calls.size() >= Limits.TRACE_CALLS - 1
        && head != null
        && head.durationNanos() >= c.durationNanos()) {
      return;
    }
    t.calls.add(Views.call(c, t0, false));
    if (t.calls.size() > Limits.TRACE_CALLS - 1) {
      t.calls.poll();
    }
  }

  /** The traces, slowest first, each with its calls in start order. */
  List<TraceView> model() {
    List<CallView> sorted = new ArrayList<>(roots);
    sorted.sort(BY_DURATION.reversed());
    List<TraceView> out = new ArrayList<>();
    for (CallView r : sorted) {
      Trace t = chosen == null ? null : chosen.get(r.traceId());
      List<CallView> calls = new ArrayList<>();
      calls.add(r);
      long omitted = 0;
      if (t != null) {
        calls.addAll(t.calls);
        omitted = t.seen - t.calls.size();
      }
      calls.sort(
          Comparator.comparingLong(CallView::startNanos)
              .thenComparing(CallView::durationNanos, Comparator.reverseOrder()));
      out.add(
          new TraceView(
              r.traceId(),
              r.spanId(),
              r.tool(),
              r.thread(),
              r.startNanos(),
              r.durationNanos(),
              r.error() != null,
              calls,
              omitted));
    }
    return out;
  }
}
