/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.analysis.StatsAccumulator;
import dev.tooltrace.cli.analysis.StatsReport;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.cli.render.StatsJson;
import dev.tooltrace.cli.render.StatsText;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunRecord;
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
      "Percentiles are nearest-rank (always an observed duration). Throughput is calls per"
          + " second over the active window (first call's start to last call's end).",
      "With --run, the per-tool figures are that run's."
    })
final class StatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin QueueOptions queue;

  @Mixin RunOption run;
  @Mixin JsonOption json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    // Aggregated while reading: a queue of tens of millions of calls needs no more heap than
    // one duration per call.
    StatsAccumulator acc = new StatsAccumulator();
    RunCatalog runs = new RunCatalog();
    QueueLoader.stream(
        queue.dir(),
        spec.commandLine().getErr(),
        new RecordVisitor() {
          @Override
          public void onRun(RunRecord r) {
            acc.addRun(r.runId());
            runs.addRun(r);
          }

          @Override
          public void onCall(CallRecord c) {
            acc.add(c);
            runs.addRunId(c.runId());
          }
        });
    String id = run.resolveOrAll(runs);
    StatsReport report = id == null ? acc.report() : acc.report(id);
    if (json.json()) {
      out.println(Json.pretty(StatsJson.of(report)));
    } else if (report.tools().isEmpty()) {
      out.println("no recorded calls");
    } else {
      StatsText.print(report, run == null, out);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
