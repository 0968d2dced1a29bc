/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.analysis.Recording;
import dev.tooltrace.cli.repro.RerunScript;
import dev.tooltrace.cli.repro.RunInfo;
import dev.tooltrace.cli.repro.SelfLaunch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rerun-script RUN}: a bash script that reruns a run and diffs the outputs. */
@Command(
    name = "rerun-script",
    description = {
      "Write a bash script that reruns RUN with the same java, JVM arguments (agent included),"
          + " class path, main class or jar and arguments, in the same working directory, under"
          + " a new run name; then runs `diff --check` of the new run against RUN and exits with"
          + " its code (0: outputs match, 3: they differ).",
      "Redacted values (secret properties, agent or program arguments) must be supplied as"
          + " TOOLTRACE_SECRET_n variables; the script says which."
    })
final class RerunScriptCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin QueueOptions queue;

  @Parameters(
      index = "0",
      paramLabel = "RUN",
      description = "Run id, unique id prefix, run name or 'latest'.")
  String run;

  @Mixin OutputFileOption out;

  @Option(
      names = "--new-dir",
      paramLabel = "DIR",
      description = "Record the rerun into this queue instead of the same one.")
  Path newDir;

  @Override
  public Integer call() {
    Recording rec = QueueLoader.load(queue.dir(), spec.commandLine().getErr());
    RunInfo r = RunInfo.of(rec, RunCatalog.of(rec).resolve(run));
    String script = RerunScript.of(r, queue.dir(), newDir, SelfLaunch.agentJar());
    Path file = out.write(script);
    if (file != null) {
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
      } catch (UnsupportedOperationException | IOException e) {
        // not a POSIX file system: run it with bash FILE
      }
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println("wrote " + file);
      stdout.flush();
    }
    return ExitCodes.OK;
  }
}
