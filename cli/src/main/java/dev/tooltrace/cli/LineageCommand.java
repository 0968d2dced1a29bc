/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.analysis.GraphQuery;
import dev.tooltrace.cli.analysis.Subgraph;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code lineage}: everything upstream of a call or value. */
@Command(
    name = "lineage",
    description =
        "Print the calls and values that led to a call or value, back to the run's external"
            + " inputs, with each node's effective confidence.",
    footer = GraphQueryCommand.RULES)
final class LineageCommand extends GraphQueryCommand {
  @Override
  Subgraph query(GraphQuery q, List<String> start) {
    return q.lineage(start);
  }
}
