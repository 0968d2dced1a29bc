/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.evidence.EvidenceCollector;
import dev.tooltrace.cli.evidence.EvidenceReport;
import dev.tooltrace.cli.evidence.MarkdownReport;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.record.QueueFiles;
import dev.tooltrace.record.QueueReader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
  @Mixin QueueOptions queue;
  @Mixin RunOption run;
  @Mixin JsonOption json;
  @Mixin OutputFileOption out;

  @Override
  public Integer call() {
    Path dir = queue.dir();
    QueueFiles.requireQueue(dir);
    EvidenceCollector collector = new EvidenceCollector(run.ref());
    try (QueueReader reader = QueueReader.open(dir)) {
      reader.readAll(collector);
    }
    EvidenceReport report = collector.report(dir.toString());
    out.write(json.json() ? toJson(report) : MarkdownReport.render(report));
    return ExitCodes.OK;
  }

  static String toJson(EvidenceReport report) {
    return Json.pretty(report) + "\n";
  }
}
