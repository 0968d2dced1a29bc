/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tooltrace.cli.data.RecordedData;
import dev.tooltrace.cli.evidence.EvidenceCollector;
import dev.tooltrace.cli.evidence.EvidenceReport;
import dev.tooltrace.cli.evidence.MarkdownReport;
import dev.tooltrace.record.QueueFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code evidence}: what happened in one run, as a report a person can attach to a result —
 * environment, span, per-tool calls/errors/latency/throughput, slowest calls, every distinct error,
 * and resource use over time with each listed call joined to its nearest system sample.
 */
@Command(
    name = "evidence",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the evidence report of a run: Markdown by default, JSON with --json.",
      "Without --run, the run started last in the queue."
    })
public final class EvidenceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin QueueOptions queue;

  @Option(names = "--run", paramLabel = "ID", description = "Run id, or a unique prefix of one.")
  String run;

  @Option(names = "--json", description = "Write JSON instead of Markdown.")
  boolean json;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Path out;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      EvidenceCollector collector;
      try (RecordedData data = queue.open(err)) {
        String id = run == null ? data.latestRun() : RunSelector.resolve(data.headers(), run);
        collector = new EvidenceCollector(id != null ? id : run);
        data.replay(id, collector);
      } catch (CliException e) {
        throw new EvidenceCollector.NoSuchRunException(e.getMessage());
      }
      String dirs = String.join(", ", queue.dirs().stream().map(Path::toString).toList());
      EvidenceReport report = collector.report(dirs);
      String text = json ? toJson(report) : MarkdownReport.render(report);
      if (out != null) {
        Files.writeString(out, text, StandardCharsets.UTF_8);
      } else {
        PrintWriter w = spec.commandLine().getOut();
        w.print(text);
        w.flush();
      }
      return 0;
    } catch (QueueFiles.NotAQueueException | EvidenceCollector.NoSuchRunException e) {
      err.println("evidence: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("evidence: cannot write " + out + ": " + e.getMessage());
      return 1;
    }
  }

  static String toJson(EvidenceReport report) throws IOException {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report)
        + "\n";
  }
}
