/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.backup.Manifest.NotABackupException;
import dev.tooltrace.record.QueueFiles.NotAQueueException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The single error path of the CLI: whatever a command throws becomes one line on stderr, {@code
 * tooltrace: MESSAGE}, and an exit code from {@link ExitCodes}. The few library exceptions that
 * carry a message meant for users are translated here, and only here; anything else is an internal
 * error (a bug), still one line.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  static final String PREFIX = "tooltrace: ";

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    CliException e = translate(ex);
    PrintWriter err = cmd.getErr();
    err.println(PREFIX + e.getMessage());
    err.flush();
    return e.exitCode();
  }

  /** What the user is told about {@code ex}, and with which code. */
  static CliException translate(Throwable ex) {
    if (ex instanceof CliException c) {
      return c;
    }
    if (ex instanceof NotAQueueException || ex instanceof NotABackupException) {
      return CliException.usage(ex.getMessage());
    }
    return CliException.noData("internal error: " + ex);
  }
}
