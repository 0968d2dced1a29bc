/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.report;

import dev.tooltrace.cli.report.LineageShapes.Shape;
import dev.tooltrace.cli.report.ReportModel.CallView;
import dev.tooltrace.cli.report.ReportModel.Graph;
import dev.tooltrace.cli.report.ReportModel.GraphEdge;
import dev.tooltrace.cli.report.ReportModel.GraphNode;
import dev.tooltrace.cli.report.ReportModel.ValueView;
import dev.tooltrace.record.CallRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses what the lineage graph draws and fills in one example call per node. The starting nodes
 * are the chosen outputs ({@code --output}), else the shapes holding the run's final outputs (calls
 * whose result no other call used, failed and void calls included: that is where data flow ended),
 * most frequent first; then their lineage, breadth-first, up to {@link Limits#GRAPH_NODES} nodes.
 */
final class GraphModel {
  private final LineageShapes shapes;
  private final boolean userChose;
  private final List<Shape> visible = new ArrayList<>();
  private final Map<Long, List<Shape>> wanted = new HashMap<>();
  private final Map<Shape, CallView> calls = new HashMap<>();
  private final Map<Shape, ValueView> values = new HashMap<>();
  private int hidden;

  GraphModel(LineageShapes shapes, boolean userChose) {
    this.shapes = shapes;
    this.userChose = userChose;
    select();
  }

  private void select() {
    Map<String, List<Shape>> producersOf = new HashMap<>();
    Map<String, Shape> byId = new HashMap<>();
    for (Shape s : shapes.shapes) {
      byId.put(s.id(), s);
    }
    for (String key : shapes.edges.keySet()) {
      String[] k = key.split("\u0000", 3);
      producersOf.computeIfAbsent(k[1], x -> new ArrayList<>()).add(byId.get(k[0]));
    }
    List<Shape> start = new ArrayList<>();
    for (Shape s : shapes.shapes) {
      if (userChose ? s.chosen : !s.input && s.finals > 0) {
        start.add(s);
      }
    }
    start.sort(Comparator.comparingLong((Shape s) -> s.finals).reversed());
    Set<Shape> seen = new LinkedHashSet<>();
    ArrayDeque<Shape> queue = new ArrayDeque<>(start);
    while (!queue.isEmpty()) {
      Shape s = queue.poll();
      if (!seen.add(s)) {
        continue;
      }
      for (Shape p : producersOf.getOrDefault(s.id(), List.of())) {
        if (!seen.contains(p)) {
          queue.add(p);
        }
      }
    }
    for (Shape s : seen) {
      if (visible.size() < Limits.GRAPH_NODES) {
        visible.add(s);
        wanted.computeIfAbsent(s.exampleSpan, k -> new ArrayList<>()).add(s);
      } else {
        hidden++;
      }
    }
  }

  /** Third pass: takes the example call (or input value) of each drawn node. */
  void collect(CallRecord c, long t0) {
    if (wanted.isEmpty()) {
      return;
    }
    List<Shape> l = wanted.get(CompactCall.id(c.spanId()));
    if (l == null) {
      return;
    }
    for (Shape s : l) {
      if (s.input) {
        if (s.exampleArg >= 0 && s.exampleArg < c.args().size() && !values.containsKey(s)) {
          values.put(s, Views.value(c.args().get(s.exampleArg)));
        }
      } else if (!calls.containsKey(s)) {
        calls.put(s, Views.call(c, t0, false));
      }
    }
  }

  Graph model(String chosen) {
    List<GraphNode> nodes = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (Shape s : visible) {
      ids.add(s.id());
      nodes.add(
          new GraphNode(
              s.id(),
              s.input ? "input" : "call",
              s.tool,
              s.label,
              s.error,
              s.tier,
              s.count,
              s.finals,
              s.chosen,
              Double.isNaN(s.minConfidence) ? null : s.minConfidence,
              s.count == 0 ? 0 : s.durationSum / s.count,
              calls.get(s),
              values.get(s)));
    }
    List<GraphEdge> edges = new ArrayList<>();
    shapes.edges.forEach(
        (key, n) -> {
          String[] k = key.split("\u0000", 3);
          if (ids.contains(k[0]) && ids.contains(k[1])) {
            edges.add(new GraphEdge(k[0], k[1], k[2], n[0]));
          }
        });
    return new Graph(chosen, nodes, edges, hidden);
  }
}
