/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import dev.tooltrace.record.CallRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds trace trees from calls in any order. The agent writes a child before its parent (a call is
 * appended when it returns) and batches of different threads interleave, so trees are assembled by
 * trace id and parent span id after everything is read, never while reading.
 */
public final class TraceForest {
  static final Comparator<TraceNode> BY_START =
      Comparator.<TraceNode>comparingLong(n -> n.call().startEpochNanos())
          .thenComparingLong(n -> n.call().queueIndex());

  private TraceForest() {}

  /** One trace: its id, run and root calls (several when parents are missing). */
  public record Trace(String traceId, String runId, List<TraceNode> roots) {
    public long startEpochNanos() {
      return roots.get(0).call().startEpochNanos();
    }
  }

  /**
   * Assembles {@code calls} into traces ordered by the start of their first root. A call whose
   * parent is absent becomes a root marked {@link TraceNode#parentMissing()}. A span id seen twice
   * (a batch exported twice) is kept once.
   */
  public static List<Trace> build(List<CallRecord> calls) {
    Map<String, TraceNode> bySpan = new HashMap<>();
    List<TraceNode> nodes = new ArrayList<>(calls.size());
    for (CallRecord c : calls) {
      String key = c.traceId() + "/" + c.spanId();
      if (!bySpan.containsKey(key)) {
        TraceNode n = new TraceNode(c);
        bySpan.put(key, n);
        nodes.add(n);
      }
    }
    Map<String, List<TraceNode>> rootsByTrace = new LinkedHashMap<>();
    for (TraceNode n : nodes) {
      CallRecord c = n.call();
      TraceNode parent = c.isRoot() ? null : bySpan.get(c.traceId() + "/" + c.parentSpanId());
      if (parent != null && parent != n) {
        parent.addChild(n);
      } else {
        if (!c.isRoot()) {
          n.markParentMissing();
        }
        rootsByTrace.computeIfAbsent(c.traceId(), k -> new ArrayList<>()).add(n);
      }
    }
    List<Trace> traces = new ArrayList<>();
    for (Map.Entry<String, List<TraceNode>> e : rootsByTrace.entrySet()) {
      List<TraceNode> roots = e.getValue();
      roots.sort(BY_START);
      for (TraceNode r : roots) {
        r.sortChildren();
      }
      traces.add(new Trace(e.getKey(), roots.get(0).call().runId(), List.copyOf(roots)));
    }
    traces.sort(Comparator.comparingLong(Trace::startEpochNanos).thenComparing(Trace::traceId));
    return traces;
  }

  /**
   * For each trace, the outermost calls of {@code tool} with everything nested in them; traces
   * without such a call are dropped.
   */
  public static List<Trace> selectTool(List<Trace> traces, String tool) {
    List<Trace> out = new ArrayList<>();
    for (Trace t : traces) {
      List<TraceNode> found = new ArrayList<>();
      for (TraceNode r : t.roots()) {
        collect(r, tool, found);
      }
      if (!found.isEmpty()) {
        out.add(new Trace(t.traceId(), t.runId(), List.copyOf(found)));
      }
    }
    return out;
  }

  /** The call {@code spanId} with everything nested in it, as the root of its trace. */
  public static List<Trace> selectSpan(List<Trace> traces, String spanId) {
    for (Trace t : traces) {
      for (TraceNode r : t.roots()) {
        TraceNode n = find(r, spanId);
        if (n != null) {
          return List.of(new Trace(t.traceId(), t.runId(), List.of(n)));
        }
      }
    }
    return List.of();
  }

  private static TraceNode find(TraceNode n, String spanId) {
    if (n.call().spanId().equals(spanId)) {
      return n;
    }
    for (TraceNode c : n.children()) {
      TraceNode f = find(c, spanId);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  private static void collect(TraceNode n, String tool, List<TraceNode> found) {
    if (n.call().tool().equals(tool)) {
      found.add(n);
      return;
    }
    for (TraceNode c : n.children()) {
      collect(c, tool, found);
    }
  }
}
