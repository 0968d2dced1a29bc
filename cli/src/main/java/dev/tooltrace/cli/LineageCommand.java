/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

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
  boolean upstream() {
    return true;
  }
}
