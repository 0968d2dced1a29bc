/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tooltrace.cli.analysis.Recording;
import dev.tooltrace.cli.render.Fmt;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.cli.repro.RunInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code runs}: the runs (JVM starts) a queue holds, oldest first. */
@Command(
    name = "runs",
    description = {
      "List the runs in the queue: id, name, tags, start, duration, calls, errors, git commit.",
      "Duration runs from the JVM start to its orderly end (or its last recorded call)."
    })
final class RunsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin QueueOptions queue;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Recording rec = QueueLoader.load(queue.dir(), spec.commandLine().getErr());
    List<RunInfo> runs = new ArrayList<>();
    for (String id : rec.runIds()) {
      runs.add(RunInfo.of(rec, id));
    }
    if (json.json()) {
      ArrayNode arr = Json.MAPPER.createArrayNode();
      for (RunInfo r : runs) {
        ObjectNode o = arr.addObject();
        o.put("id", r.id());
        o.put("name", r.name());
        ArrayNode tags = o.putArray("tags");
        r.tags().forEach(tags::add);
        o.put("start", Fmt.time(r.startEpochNanos()));
        o.put("startEpochNanos", r.startEpochNanos());
        o.put("durationNanos", r.durationNanos());
        o.put("ended", r.ended());
        o.put("calls", r.calls().size());
        o.put("errors", r.errors());
        o.put("gitCommit", r.gitCommit());
        o.put("gitDirty", r.gitDirty());
      }
      out.println(Json.pretty(arr));
    } else if (runs.isEmpty()) {
      out.println("no runs");
    } else {
      out.printf(
          "%-32s  %-20s  %-24s  %10s  %7s  %6s  %s%n",
          "RUN", "NAME", "START", "DURATION", "CALLS", "ERRORS", "GIT COMMIT");
      for (RunInfo r : runs) {
        String commit =
            r.gitCommit().isEmpty()
                ? "-"
                : r.gitCommit().substring(0, Math.min(12, r.gitCommit().length()))
                    + (r.gitDirty() ? " (dirty)" : "");
        out.printf(
            "%-32s  %-20s  %-24s  %10s  %7d  %6d  %s%n",
            r.id(),
            r.name().isEmpty() ? "-" : Fmt.shorten(r.name(), 20),
            Fmt.time(r.startEpochNanos()),
            Fmt.duration(r.durationNanos()) + (r.ended() ? "" : "+"),
            r.calls().size(),
            r.errors(),
            commit);
        if (!r.tags().isEmpty()) {
          out.println("  tags: " + String.join(", ", r.tags()));
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
