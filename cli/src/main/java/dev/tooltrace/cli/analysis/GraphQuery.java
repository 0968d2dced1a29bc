/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import dev.tooltrace.cli.analysis.ProvenanceGraph.Usage;
import dev.tooltrace.cli.analysis.ProvenanceGraph.ValueNode;
import dev.tooltrace.cli.analysis.Subgraph.Direction;
import dev.tooltrace.cli.analysis.Subgraph.Edge;
import dev.tooltrace.cli.analysis.Subgraph.EdgeType;
import dev.tooltrace.record.Hex;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Lineage (upstream closure) and impact (downstream closure) over a {@link ProvenanceGraph}. */
public final class GraphQuery {
  private final ProvenanceGraph g;

  public GraphQuery(ProvenanceGraph g) {
    this.g = g;
  }

  /**
   * The node ids a user's argument names: a span id (16 hex digits) names a call; a content hash
   * (32 hex digits) names every value with that hash; a node id as printed by {@code --json}
   * ({@code out:…}, {@code in:…}, {@code arg:…}) names that node. Throws {@link
   * IllegalArgumentException} with a message fit for users when nothing matches.
   */
  public List<String> resolve(String target) {
    String t = target.trim().toLowerCase(Locale.ROOT);
    if (Hex.isHex(t, 16)) {
      if (!g.isCall(t)) {
        throw new IllegalArgumentException("no recorded call has span id " + target);
      }
      return List.of(t);
    }
    if (Hex.isHex(t, 32)) {
      List<String> ids = new ArrayList<>();
      for (ValueNode v : g.valuesWithHash(t)) {
        ids.add(v.id());
      }
      if (ids.isEmpty()) {
        throw new IllegalArgumentException("no recorded value has content hash " + target);
      }
      return ids;
    }
    if (g.value(target) != null) {
      return List.of(target);
    }
    throw new IllegalArgumentException(
        "'"
            + target
            + "' is neither a span id (16 hex digits) nor a value hash (32 hex digits)"
            + " nor a value node id");
  }

  /** Every call and value that led to the start nodes, back to the run's external inputs. */
  public Subgraph lineage(List<String> start) {
    Set<String> seen = new LinkedHashSet<>();
    List<Edge> edges = new ArrayList<>();
    Deque<String> todo = new ArrayDeque<>(start);
    while (!todo.isEmpty()) {
      String n = todo.removeFirst();
      if (!seen.add(n)) {
        continue;
      }
      if (g.isCall(n)) {
        for (Usage u : g.inputsOf(n)) {
          edges.add(new Edge(u.valueId(), n, EdgeType.USED, u.role(), u.link(), u.probable()));
          todo.addLast(u.valueId());
        }
      } else {
        ValueNode v = g.value(n);
        if (v != null && v.generatedBy() != null) {
          edges.add(new Edge(v.generatedBy(), n, EdgeType.GENERATED, null));
          todo.addLast(v.generatedBy());
        }
      }
    }
    return new Subgraph(Direction.UPSTREAM, List.copyOf(start), seen, edges);
  }

  /** Every call and value that depends on the start nodes. */
  public Subgraph impact(List<String> start) {
    Set<String> seen = new LinkedHashSet<>();
    List<Edge> edges = new ArrayList<>();
    Deque<String> todo = new ArrayDeque<>(start);
    while (!todo.isEmpty()) {
      String n = todo.removeFirst();
      if (!seen.add(n)) {
        continue;
      }
      if (g.isCall(n)) {
        String out = g.outputOf(n);
        if (out != null) {
          edges.add(new Edge(n, out, EdgeType.GENERATED, null));
          todo.addLast(out);
        }
      } else {
        for (Usage u : g.consumersOf(n)) {
          edges.add(new Edge(n, u.spanId(), EdgeType.USED, u.role(), u.link(), u.probable()));
          todo.addLast(u.spanId());
        }
      }
    }
    return new Subgraph(Direction.DOWNSTREAM, List.copyOf(start), seen, edges);
  }
}
