/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.analysis.StatsReport;
import dev.tooltrace.cli.data.RecordedData;
import dev.tooltrace.cli.data.Timing;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.cli.render.StatsJson;
import dev.tooltrace.cli.render.StatsText;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stats}: per-tool and per-run statistics. */
@Command(
    name = "stats",
    description = {
      "Print per tool: calls, errors, success rate, p50/p95/p99 duration, throughput and mean"
          + " confidence; then per run: its success/failure rates and per-tool breakdown.",
      "Percentiles are nearest-rank (an observed duration) up to 4096 calls per group, then"
          + " from an HdrHistogram (within 0.1%%). Throughput is calls per second over the active"
          + " window (first call's start to last call's end).",
      "With --run, the per-tool figures are that run's."
    })
final class StatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin QueueOptions queue;
  @Mixin IndexOptions index;

  @Mixin RunOption run;
  @Mixin JsonOption json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    StatsReport report;
    try (RecordedData data = index.openForAggregates(queue, spec.commandLine().getErr())) {
      String id = run.resolveOrAll(data::runs);
      report = data.stats(id);
      Timing.mark("answered");
    }
    if (json.json()) {
      out.println(Json.pretty(StatsJson.of(report)));
    } else if (report.tools().isEmpty()) {
      out.println("no recorded calls");
    } else {
      StatsText.print(report, run.ref() == null, out);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
