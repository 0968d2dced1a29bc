/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.analysis.TraceForest.Trace;
import dev.tooltrace.cli.data.RecordedData;
import dev.tooltrace.cli.data.Timing;
import dev.tooltrace.cli.data.TraceQuery;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.cli.render.TraceJson;
import dev.tooltrace.cli.render.TraceJsonWriter;
import dev.tooltrace.cli.render.TraceText;
import dev.tooltrace.record.Hex;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
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
  @Mixin IndexOptions index;

  @Mixin RunOption run;

  @Option(
      names = "--tool",
      paramLabel = "NAME",
      description = "Only the calls of this tool, each with the calls nested in it.")
  String tool;

  @Option(names = "--trace", paramLabel = "TRACE_ID", description = "Only this trace.")
  String trace;

  @Option(
      names = "--span",
      paramLabel = "SPAN_ID",
      description = "Only this call, with the calls nested in it.")
  String span;

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
    String traceId = id(trace, 32, "--trace");
    String spanId = id(span, 16, "--span");
    try (RecordedData data = index.open(queue, spec.commandLine().getErr())) {
      String id = run.resolveOrAll(data::runs);
      TraceQuery q = new TraceQuery(id, tool, traceId, spanId, since, until, limit);
      if (limit == null) {
        // Every trace: printed as it comes, never all held at once (a run can be millions).
        long[] shown = {0};
        if (json.json()) {
          try (TraceJsonWriter w = new TraceJsonWriter(out)) {
            data.eachTrace(q, w::add);
          }
        } else {
          data.eachTrace(
              q,
              t -> {
                TraceText.print(List.of(t), out);
                shown[0]++;
              });
          if (shown[0] == 0) {
            out.println("no recorded calls match");
          }
        }
      } else {
        List<Trace> traces = data.traces(q);
        if (json.json()) {
          out.println(Json.pretty(TraceJson.of(traces)));
        } else if (traces.isEmpty()) {
          out.println("no recorded calls match");
        } else {
          TraceText.print(traces, out);
        }
      }
      Timing.mark("answered");
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String id(String value, int digits, String option) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (!Hex.isHex(v, digits)) {
      throw new CliException(
          ExitCodes.USAGE, option + " takes " + digits + " hex digits, not '" + value + "'");
    }
    return v;
  }
}
