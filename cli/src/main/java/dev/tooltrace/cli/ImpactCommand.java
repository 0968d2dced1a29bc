/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.analysis.GraphQuery;
import dev.tooltrace.cli.analysis.Subgraph;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code impact}: everything downstream of a call or value. */
@Command(
    name = "impact",
    description = "Print every call and value that depends on a call or value.",
    footer = GraphQueryCommand.RULES)
final class ImpactCommand extends GraphQueryCommand {
  @Override
  Subgraph query(GraphQuery q, List<String> start) {
    return q.impact(start);
  }
}
