/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.report.HtmlReport;
import dev.tooltrace.cli.report.QueueSource;
import dev.tooltrace.cli.report.ReportBuilder;
import dev.tooltrace.cli.report.ReportModel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code report}: one self-contained HTML page showing a whole run. */
@Command(
    name = "report",
    description = {
      "Write one self-contained HTML page about a run: header, per-tool latency and confidence,"
          + " a timeline of threads, the slowest traces, errors by type, the lineage graph of the"
          + " run's outputs (pan and zoom; repeated structure collapsed), the environment, and"
          + " what the agent dropped or cut.",
      "The page needs no network (every script and style inline) and is bounded in size"
          + " whatever the number of calls (at most 4 MB; tens of KB for a million calls).",
      "Without --run, the run started last. Without --output, the graph shows the lineage of"
          + " the run's final outputs. Without --out, the page goes to stdout."
    })
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin QueueOptions queue;

  @Mixin RunOption run;
  @Mixin OutputFileOption out;

  @Option(
      names = "--output",
      paramLabel = "SPAN_ID|VALUE_HASH",
      split = ",",
      description =
          "Draw the lineage of these outputs (a call's span id or a result's content hash;"
              + " repeatable) instead of the run's final outputs.")
  List<String> outputs = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    QueueSource source = new QueueSource(queue.dir(), err);
    ReportModel model =
        new ReportBuilder(
                source, run::resolveOrLatest, outputs, new VersionProvider().getVersion()[0])
            .build();
    if (out.file() == null) {
      PrintWriter page = spec.commandLine().getOut();
      try {
        HtmlReport.write(model, page);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a PrintWriter does not throw it
      }
      page.flush();
      return ExitCodes.OK;
    }
    Path target = out.file().toAbsolutePath();
    Path parent = target.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw CliException.usage("cannot write " + out.file() + ": no directory " + parent);
    }
    long size;
    try {
      size = writeAtomically(model, target, parent);
    } catch (IOException e) {
      throw CliException.usage("cannot write " + out.file() + ": " + e.getMessage());
    }
    PrintWriter o = spec.commandLine().getOut();
    o.println(
        "wrote "
            + target
            + " ("
            + size / 1024
            + " KB): run "
            + model.header().runId()
            + ", "
            + model.header().calls()
            + " calls"
            + stateNote(model.header().state()));
    o.flush();
    return ExitCodes.OK;
  }

  /** Written next to the target and moved into place: a reader never sees half a page. */
  private static long writeAtomically(ReportModel model, Path target, Path dir) throws IOException {
    Path tmp = Files.createTempFile(dir, ".tooltrace-report", ".tmp");
    try {
      try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
        HtmlReport.write(model, w);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      return Files.size(target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String stateNote(String state) {
    return switch (state) {
      case "running" -> " (the run is still being written: the page is a snapshot)";
      case "unended" -> " (the run has no orderly end: killed, or still running elsewhere)";
      default -> "";
    };
  }
}
