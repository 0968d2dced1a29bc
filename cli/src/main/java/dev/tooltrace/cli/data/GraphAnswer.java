/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.data;

import dev.tooltrace.cli.analysis.ProvenanceGraph;
import dev.tooltrace.cli.analysis.Subgraph;

/**
 * A lineage or impact answer: the subgraph, and a graph that holds at least its nodes (the whole
 * graph when it was built in memory, only the subgraph's nodes when it came from the index).
 */
public record GraphAnswer(ProvenanceGraph graph, Subgraph subgraph) {}
