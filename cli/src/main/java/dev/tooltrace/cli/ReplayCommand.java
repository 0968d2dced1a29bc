/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tooltrace.cli.analysis.Recording;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.cli.repro.ReplayRunner;
import dev.tooltrace.cli.repro.RunInfo;
import dev.tooltrace.record.CallRecord;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code replay SPAN_ID}: re-invoke one recorded tool call in a fresh JVM and compare. */
@Command(
    name = "replay",
    description = {
      "Re-invoke the tool method of a recorded call with its recorded inputs in a fresh JVM"
          + " (no agent) and compare the result's content hash with the recorded one.",
      "Prints 'reproduced', 'differs' (with both hashes) or 'not replayable' with the reason"
          + " (an argument that was redacted or not captured and its type, no accessible"
          + " constructor for an instance method's class, ...).",
      "Exit code: 0 reproduced, 3 differs, 4 not replayable.",
      "Arguments are replayable when the tool captured them (capture.args or"
          + " @Tracked(captureArguments = true)); primitives and null always are. An instance"
          + " method is called on a new instance made with the class's no-arg constructor."
    })
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin QueueOptions queue;

  @Parameters(index = "0", paramLabel = "SPAN_ID", description = "The call's span id (or prefix).")
  String spanId;

  @Option(
      names = "--classpath",
      required = true,
      paramLabel = "CP",
      description = "Class path of the application (the tool's class and what it needs).")
  String classpath;

  @Option(
      names = "--java",
      paramLabel = "PATH",
      description = "The java executable (default: the recorded run's, else this JVM's).")
  String java;

  @Option(
      names = "--jvm-arg",
      paramLabel = "ARG",
      description = "An extra argument for the replay JVM (repeatable).")
  List<String> jvmArgs = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Default: 120.")
  long timeoutSeconds = 120;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Recording rec = QueueLoader.load(queue.dir(), spec.commandLine().getErr());
    CallRecord c = find(rec, spanId);
    RunInfo run = RunInfo.of(rec, c.runId());
    ReplayRunner.Outcome o = ReplayRunner.replay(c, run, classpath, java, jvmArgs, timeoutSeconds);
    if (json.json()) {
      ObjectNode n = Json.object();
      n.put("span", c.spanId());
      n.put("tool", c.tool());
      n.put("status", o.status());
      n.put("recorded", o.recorded());
      n.put("replayed", o.replayed());
      n.put("reason", o.reason());
      out.println(Json.pretty(n));
    } else {
      String head = o.status().replace('-', ' ') + ": tool '" + c.tool() + "' span " + c.spanId();
      switch (o.status()) {
        case ReplayRunner.REPRODUCED:
          out.println(head + ": result " + o.recorded());
          break;
        case ReplayRunner.DIFFERS:
          out.println(head + ": recorded " + o.recorded() + ", replayed " + o.replayed());
          break;
        default:
          out.println(head + ": " + o.reason());
      }
    }
    out.flush();
    switch (o.status()) {
      case ReplayRunner.REPRODUCED:
        return ExitCodes.OK;
      case ReplayRunner.DIFFERS:
        return ExitCodes.DIFFERS;
      default:
        return ExitCodes.NOT_REPLAYABLE;
    }
  }

  private static CallRecord find(Recording rec, String id) {
    String w = id.trim().toLowerCase(Locale.ROOT);
    List<CallRecord> matches = new ArrayList<>();
    for (CallRecord c : rec.calls()) {
      if (c.spanId().equals(w)) {
        return c;
      }
      if (c.spanId().startsWith(w)) {
        matches.add(c);
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw CliException.noData("no call with span id " + id + " in the queue");
    }
    throw CliException.usage(
        "span id prefix " + id + " is ambiguous (" + matches.size() + " calls)");
  }
}
