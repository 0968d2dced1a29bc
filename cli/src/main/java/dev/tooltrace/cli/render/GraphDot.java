/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.render;

import dev.tooltrace.cli.analysis.ProvenanceGraph;
import dev.tooltrace.cli.analysis.ProvenanceGraph.ValueNode;
import dev.tooltrace.cli.analysis.Subgraph;
import dev.tooltrace.cli.analysis.Subgraph.Edge;
import dev.tooltrace.record.CallRecord;
import java.io.PrintWriter;

/**
 * A lineage or impact answer as a Graphviz digraph in data-flow direction (value → call that used
 * it → value it generated). Calls are boxes (red when they failed), values ellipses, external
 * inputs dashed, the queried nodes bold.
 */
public final class GraphDot {
  private GraphDot() {}

  public static void print(ProvenanceGraph g, Subgraph s, PrintWriter out) {
    out.println(
        "digraph " + (s.direction() == Subgraph.Direction.UPSTREAM ? "lineage" : "impact") + " {");
    out.println("  rankdir=LR;");
    out.println("  node [fontname=\"Helvetica\", fontsize=10];");
    for (String id : s.nodes()) {
      String bold = s.start().contains(id) ? ", penwidth=2" : "";
      String eff = "effective " + Fmt.decimal(g.effectiveConfidence(id));
      if (g.isCall(id)) {
        CallRecord c = g.call(id);
        String label = lines(c.tool(), Fmt.duration(c.durationNanos()), eff);
        String color = c.error() ? ", color=red" : "";
        out.println("  " + quote(id) + " [shape=box, label=" + label + color + bold + "];");
      } else {
        ValueNode v = g.value(id);
        String label =
            lines(
                Fmt.preview(v.value(), 30),
                Fmt.simpleType(v.value().actualType()) + " " + Fmt.shortHash(v.hash()),
                eff);
        String style = v.external() ? ", style=dashed" : "";
        out.println("  " + quote(id) + " [shape=ellipse, label=" + label + style + bold + "];");
      }
    }
    for (Edge e : s.edges()) {
      String text =
          e.role() == null ? null : e.link() == null ? e.role() : e.role() + " · " + e.link();
      String label =
          (text == null
              ? ""
              : " [label=" + quote(text) + (e.probable() ? ", style=dotted" : "") + "]");
      out.println("  " + quote(e.from()) + " -> " + quote(e.to()) + label + ";");
    }
    out.println("}");
  }

  /** A DOT string literal of several lines. */
  static String lines(String... lines) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        b.append("\\n");
      }
      b.append(escape(lines[i]));
    }
    return b.append('"').toString();
  }

  static String quote(String s) {
    return "\"" + escape(s) + "\"";
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c == '\n' || c == '\r') {
        b.append(' ');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
