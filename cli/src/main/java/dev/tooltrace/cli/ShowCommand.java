/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.analysis.Recording;
import dev.tooltrace.cli.analysis.TraceForest;
import dev.tooltrace.cli.analysis.TraceForest.Trace;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.cli.render.TraceJson;
import dev.tooltrace.cli.render.TraceText;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code show}: recorded calls as trace trees. */
@Command(
    name = "show",
    description = {
      "Print recorded calls as trace trees: nesting by parent span, duration, errors (exception"
          + " type and message), confidence, span id, short argument and result previews.",
      "Calls are assembled by trace id and parent span id, whatever order threads wrote them in;"
          + " a call whose parent was not recorded is shown as a root.",
      "Without --run, every run."
    })
final class ShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin QueueOptions queue;

  @Mixin RunOption run;

  @Option(
      names = "--tool",
      paramLabel = "NAME",
      description = "Only the calls of this tool, each with the calls nested in it.")
  String tool;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      converter = EpochNanosConverter.class,
      description = "Only traces that started at or after TIME (ISO-8601 or epoch s/ms).")
  Long since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      converter = EpochNanosConverter.class,
      description = "Only traces that started before TIME (ISO-8601 or epoch s/ms).")
  Long until;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most N traces, the most recent ones (default: all).")
  Integer limit;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (limit != null && limit < 0) {
      throw CliException.usage("--limit must not be negative");
    }
    Recording rec = QueueLoader.load(queue.dir(), spec.commandLine().getErr());
    String id = run.resolveOrAll(RunCatalog.of(rec));
    if (id != null) {
      rec = rec.filter(c -> c.runId().equals(id));
    }
    List<Trace> traces = TraceForest.build(rec.calls());
    traces =
        traces.stream()
            .filter(t -> since == null || t.startEpochNanos() >= since)
            .filter(t -> until == null || t.startEpochNanos() < until)
            .toList();
    if (tool != null) {
      traces = TraceForest.selectTool(traces, tool);
    }
    if (limit != null && traces.size() > limit) {
      traces = traces.subList(traces.size() - limit, traces.size());
    }
    if (json.json()) {
      out.println(Json.pretty(TraceJson.of(traces)));
    } else if (traces.isEmpty()) {
      out.println("no recorded calls match");
    } else {
      TraceText.print(traces, out);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
