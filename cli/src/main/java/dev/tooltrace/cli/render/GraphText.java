/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.render;

import dev.tooltrace.cli.analysis.ProvenanceGraph;
import dev.tooltrace.cli.analysis.ProvenanceGraph.ValueNode;
import dev.tooltrace.cli.analysis.Subgraph;
import dev.tooltrace.cli.analysis.Subgraph.Direction;
import dev.tooltrace.cli.analysis.Subgraph.Edge;
import dev.tooltrace.record.CallRecord;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lineage or impact answer as an indented tree from the queried node: upstream (lineage) each
 * call's children are the values it used and each value's child is the call that generated it;
 * downstream (impact) the other way round. A node reached twice (a diamond) is printed in full once
 * and referred to afterwards. Every node shows its effective confidence.
 */
public final class GraphText {
  private GraphText() {}

  public static void print(ProvenanceGraph g, Subgraph s, PrintWriter out) {
    Map<String, List<Edge>> next = new LinkedHashMap<>();
    for (Edge e : s.edges()) {
      String from = s.direction() == Direction.UPSTREAM ? e.to() : e.from();
      next.computeIfAbsent(from, k -> new ArrayList<>()).add(e);
    }
    Set<String> shown = new HashSet<>();
    for (String start : s.start()) {
      out.println(label(g, start, null));
      walk(g, s.direction(), start, next, "", shown, out);
    }
    long calls = s.nodes().stream().filter(g::isCall).count();
    long values = s.nodes().size() - calls;
    long external =
        s.nodes().stream()
            .filter(n -> !g.isCall(n) && g.value(n) != null && g.value(n).external())
            .count();
    out.printf(
        "%d calls, %d values%s%n",
        calls,
        values,
        s.direction() == Direction.UPSTREAM ? ", " + external + " external inputs" : "");
  }

  private static void walk(
      ProvenanceGraph g,
      Direction dir,
      String node,
      Map<String, List<Edge>> next,
      String indent,
      Set<String> shown,
      PrintWriter out) {
    if (!shown.add(node)) {
      return;
    }
    List<Edge> kids = next.getOrDefault(node, List.of());
    for (int i = 0; i < kids.size(); i++) {
      Edge e = kids.get(i);
      boolean last = i == kids.size() - 1;
      String child = dir == Direction.UPSTREAM ? e.from() : e.to();
      String again = shown.contains(child) ? "  (see above)" : "";
      out.println(indent + (last ? "└─ " : "├─ ") + label(g, child, e) + again);
      if (again.isEmpty()) {
        walk(g, dir, child, next, indent + (last ? "   " : "│  "), shown, out);
      }
    }
  }

  /** One node's line; {@code via} is the edge that led to it (its role is shown). */
  static String label(ProvenanceGraph g, String id, Edge via) {
    String role =
        via == null || via.role() == null
            ? ""
            : "["
                + via.role()
                + (via.link() == null ? "" : " · " + via.link())
                + "] "
                + (via.probable() ? "(probable) " : "");
    String eff = "  effective " + Fmt.decimal(g.effectiveConfidence(id));
    if (g.isCall(id)) {
      CallRecord c = g.call(id);
      StringBuilder b = new StringBuilder(role).append("call ").append(c.tool());
      b.append("  span ").append(c.spanId()).append("  ").append(Fmt.duration(c.durationNanos()));
      if (c.error()) {
        b.append("  ✗ ").append(c.errorInfo() == null ? "error" : c.errorInfo().type());
      }
      if (c.confidence() != null) {
        b.append("  conf ").append(Fmt.decimal(c.confidence()));
      }
      return b.append(eff).toString();
    }
    ValueNode v = g.value(id);
    StringBuilder b = new StringBuilder(role).append("value ");
    b.append(Fmt.preview(v.value(), TraceText.PREVIEW));
    b.append("  ").append(Fmt.simpleType(v.value().actualType()));
    b.append("  hash ").append(Fmt.shortHash(v.hash()));
    b.append(eff);
    if (v.external()) {
      b.append("  (external input)");
    }
    return b.toString();
  }
}
