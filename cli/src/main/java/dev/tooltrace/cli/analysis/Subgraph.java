/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import java.util.List;
import java.util.Set;

/**
 * The answer to a lineage or impact query: the nodes reached from the start nodes and the edges
 * between them, in data-flow direction (value to the call that used it, call to the value it
 * generated).
 *
 * @param direction {@link Direction#UPSTREAM} for lineage, {@link Direction#DOWNSTREAM} for impact
 * @param start the node ids the query started from
 * @param nodes every node reached, including the start nodes, in discovery order
 * @param edges edges with both ends in {@code nodes}
 */
public record Subgraph(
    Direction direction, List<String> start, Set<String> nodes, List<Edge> edges) {

  public enum Direction {
    UPSTREAM,
    DOWNSTREAM
  }

  /** {@code USED}: from a value to a call that used it; {@code GENERATED}: call to its value. */
  public enum EdgeType {
    USED,
    GENERATED
  }

  /**
   * An edge; for {@code USED}, the usage's role, link ({@code element of arg N}, {@code element of
   * return}, ...; null value to value) and whether it is only probable (see {@link
   * ProvenanceGraph.Usage}).
   */
  public record Edge(
      String from, String to, EdgeType type, String role, String link, boolean probable) {
    public Edge(String from, String to, EdgeType type, String role) {
      this(from, to, type, role, null, false);
    }
  }
}
