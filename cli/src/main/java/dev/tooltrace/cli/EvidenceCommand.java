/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.data.RecordedData;
import dev.tooltrace.cli.evidence.EvidenceCollector;
import dev.tooltrace.cli.evidence.EvidenceReport;
import dev.tooltrace.cli.evidence.MarkdownReport;
import dev.tooltrace.cli.render.Json;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code evidence}: what happened in one run, as a report a person can attach to a result —
 * environment, span, per-tool calls/errors/latency/throughput, slowest calls, every distinct error,
 * and resource use over time with each listed call joined to its nearest system sample.
 */
@Command(
    name = "evidence",
    description = {
      "Writes the evidence report of a run: Markdown by default, JSON with --json.",
      "Without --run, the run started last in the queue."
    })
final class EvidenceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin QueueOptions queue;
  @Mixin IndexOptions index;
  @Mixin RunOption run;
  @Mixin JsonOption json;
  @Mixin OutputFileOption out;

  @Override
  public Integer call() {
    EvidenceCollector collector;
    try (RecordedData data = index.open(queue, spec.commandLine().getErr())) {
      // Resolved here, once, so that only the chosen run's calls and samples are read back.
      String id = run.resolveOrLatest(data.runs());
      collector = new EvidenceCollector(id);
      data.replay(id, collector);
    }
    String dirs = String.join(", ", queue.dirs().stream().map(Path::toString).toList());
    EvidenceReport report = collector.report(dirs);
    out.write(json.json() ? toJson(report) : MarkdownReport.render(report));
    return ExitCodes.OK;
  }

  static String toJson(EvidenceReport report) {
    return Json.pretty(report) + "\n";
  }
}
