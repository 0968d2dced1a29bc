/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.render;

import dev.tooltrace.cli.analysis.TraceForest.Trace;
import dev.tooltrace.cli.analysis.TraceNode;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.ValueRecord;
import java.io.PrintWriter;
import java.util.List;

/**
 * Trace trees as indented text, one call per line: tool, duration, outcome (an error shows its
 * exception type and message), confidence, span id (what {@code lineage}/{@code impact} take), then
 * short argument and result previews.
 */
public final class TraceText {
  static final int PREVIEW = 40;

  private TraceText() {}

  public static void print(List<Trace> traces, PrintWriter out) {
    for (Trace t : traces) {
      CallRecord first = t.roots().get(0).call();
      out.println(
          "trace "
              + t.traceId()
              + "  run "
              + t.runId()
              + "  "
              + Fmt.time(first.startEpochNanos())
              + "  thread "
              + first.threadName());
      List<TraceNode> roots = t.roots();
      for (int i = 0; i < roots.size(); i++) {
        printNode(roots.get(i), null, "", i == roots.size() - 1, out);
      }
      out.println();
    }
  }

  private static void printNode(
      TraceNode n, CallRecord parent, String indent, boolean last, PrintWriter out) {
    out.println(indent + (last ? "└─ " : "├─ ") + line(n, parent));
    String childIndent = indent + (last ? "   " : "│  ");
    List<TraceNode> kids = n.children();
    for (int i = 0; i < kids.size(); i++) {
      printNode(kids.get(i), n.call(), childIndent, i == kids.size() - 1, out);
    }
  }

  static String line(TraceNode n, CallRecord parent) {
    CallRecord c = n.call();
    StringBuilder b = new StringBuilder();
    b.append(c.tool()).append("  ").append(Fmt.duration(c.durationNanos()));
    if (c.error()) {
      b.append("  ✗ ");
      if (c.errorInfo() != null) {
        b.append(c.errorInfo().type());
        String msg = c.errorInfo().message();
        if (msg != null && !msg.isEmpty()) {
          b.append(": ").append(Fmt.shorten(msg, 80));
        }
      } else {
        b.append("error");
      }
    }
    if (c.confidence() != null) {
      b.append("  conf ").append(Fmt.decimal(c.confidence()));
    }
    if (c.hasCost()) {
      b.append("  cpu ").append(Fmt.duration(c.cpuNanos()));
      if (c.selfCpuNanos() != c.cpuNanos()) {
        b.append(" (self ").append(Fmt.duration(c.selfCpuNanos())).append(')');
      }
      b.append("  alloc ").append(Fmt.bytes(c.allocatedBytes()));
      if (c.selfAllocatedBytes() != c.allocatedBytes()) {
        b.append(" (self ").append(Fmt.bytes(c.selfAllocatedBytes())).append(')');
      }
    }
    b.append("  span ").append(c.spanId());
    if (parent != null && parent.threadId() != c.threadId()) {
      b.append("  thread ").append(c.threadName());
    }
    if (n.parentMissing()) {
      b.append("  (parent ").append(c.parentSpanId()).append(" not recorded)");
    }
    b.append("  (").append(args(c.args())).append(')');
    ValueRecord r = c.result();
    if (r != null && !r.isVoid() && !c.error()) {
      b.append(" → ").append(Fmt.preview(r, PREVIEW));
    }
    return b.toString();
  }

  private static String args(List<ValueRecord> args) {
    StringBuilder b = new StringBuilder();
    for (ValueRecord a : args) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(a.name()).append('=').append(Fmt.preview(a, PREVIEW));
    }
    return b.toString();
  }
}
