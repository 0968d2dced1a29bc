/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.analysis.Recording;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.cli.repro.DiffReport;
import dev.tooltrace.cli.repro.EnvironmentDiff;
import dev.tooltrace.cli.repro.OutputDiff;
import dev.tooltrace.cli.repro.RunInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code diff RUN_A RUN_B}: what changed between two runs, environment first, then outputs. */
@Command(
    name = "diff",
    description = {
      "Compare two runs: their environments (class-path jars by SHA-256, JVM, system"
          + " properties, main command, git commit), then their outputs tool by tool.",
      "Calls are paired by tool and input hashes in start order; the first call whose output"
          + " differs although its inputs are equal is named. Calls without a partner received"
          + " different inputs (downstream of a difference, or changed data).",
      "A run is named by id, unique id prefix (any case), run name (the latest run of that"
          + " name) or 'latest'.",
      "Exit code with --check: 0 when all outputs match, 3 when they differ."
    })
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin QueueOptions queue;

  @Parameters(index = "0", paramLabel = "RUN_A", description = "The reference run.")
  String runA;

  @Parameters(index = "1", paramLabel = "RUN_B", description = "The run compared with it.")
  String runB;

  @Option(
      names = "--dir-b",
      paramLabel = "DIR",
      description = "Queue of RUN_B when it is not in --dir (a rerun into another queue).")
  Path dirB;

  @Mixin JsonOption json;

  @Option(names = "--check", description = "Exit with 3 when the outputs differ.")
  boolean check;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Recording recA = QueueLoader.load(queue.dir(), err);
    Recording recB = dirB == null ? recA : QueueLoader.load(dirB, err);
    RunInfo a = RunInfo.of(recA, RunCatalog.of(recA).resolve(runA));
    RunInfo b = RunInfo.of(recB, RunCatalog.of(recB).resolve(runB));
    EnvironmentDiff env = EnvironmentDiff.of(a.env(), b.env());
    OutputDiff outputs = OutputDiff.of(a.calls(), b.calls());
    if (json.json()) {
      out.println(Json.pretty(DiffReport.json(a, b, env, outputs)));
    } else {
      DiffReport.text(a, b, env, outputs, out);
    }
    out.flush();
    return check && outputs.outputsDiffer() ? ExitCodes.DIFFERS : ExitCodes.OK;
  }
}
