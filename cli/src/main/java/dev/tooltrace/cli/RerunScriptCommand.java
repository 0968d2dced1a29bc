/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.analysis.Recording;
import dev.tooltrace.cli.repro.RerunScript;
import dev.tooltrace.cli.repro.RunInfo;
import dev.tooltrace.cli.repro.RunRefs;
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
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
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

  @Parameters(index = "0", paramLabel = "RUN", description = "Run id, id prefix or run name.")
  String run;

  @Option(names = "--out", paramLabel = "FILE", description = "Write here (default: stdout).")
  Path outFile;

  @Option(
      names = "--new-dir",
      paramLabel = "DIR",
      description = "Record the rerun into this queue instead of the same one.")
  Path newDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Recording rec = QueueLoader.load(queue.dir(), spec.commandLine().getErr());
    RunInfo r = RunInfo.of(rec, RunRefs.resolve(rec, run));
    String script = RerunScript.of(r, queue.dir(), newDir, SelfLaunch.agentJar());
    if (outFile == null) {
      out.print(script);
    } else {
      try {
        Files.writeString(outFile, script);
        try {
          Files.setPosixFilePermissions(outFile, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: run it with bash FILE
        }
      } catch (IOException e) {
        throw new CliException(ExitCodes.USAGE, "cannot write " + outFile + ": " + e.getMessage());
      }
      out.println("wrote " + outFile);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
