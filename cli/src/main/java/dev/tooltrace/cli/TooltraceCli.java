/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code tooltrace} command line. The agent jar's launcher calls {@link #execute(String...)}
 * and exits with what it returns; {@link #main} (the entry point when the CLI runs from plain class
 * files, as {@code replay} does in tests) is the only method here that calls {@code System.exit}.
 *
 * <p>One design for every command: {@code --help} and {@code --version} are inherited from here
 * ({@code scope = INHERIT}); the shared options come from the mixins {@link QueueOptions} ({@code
 * --dir}), {@link RunOption} ({@code --run}), {@link JsonOption} ({@code --json}) and {@link
 * OutputFileOption} ({@code --out}); every failure is a {@link CliException} that {@link
 * ErrorHandler} prints as one line on stderr with a code from {@link ExitCodes}: 0 on success, 1
 * when the data gave no answer (nothing readable, no such span or run), 2 for bad arguments or a
 * directory that is not a tooltrace queue.
 */
@Command(
    name = "tooltrace",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Read what the tooltrace agent recorded.",
    subcommands = {
      ShowCommand.class,
      StatsCommand.class,
      LineageCommand.class,
      ImpactCommand.class,
      ProvCommand.class,
      ExportCommand.class,
      EvidenceCommand.class,
      ReportCommand.class,
      RunsCommand.class,
      DiffCommand.class,
      RerunScriptCommand.class,
      ReplayCommand.class,
      ReplayWorkerCommand.class,
      BackupCommand.class,
      VerifyCommand.class,
      RestoreCommand.class,
      AuditCommand.class,
      KeygenCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TooltraceCli implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command");
  }

  /** Runs the CLI on the process's stdout/stderr (UTF-8); returns the exit code. */
  public static int execute(String... args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    return execute(out, err, args);
  }

  /** Runs the CLI writing to {@code out} and {@code err}; returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The configured command line (for tests and for embedding). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new TooltraceCli());
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /** The process entry point from plain class files: exits with {@link #execute}'s code. */
  public static void main(String... args) {
    System.exit(execute(args));
  }
}
