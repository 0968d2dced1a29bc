/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

/**
 * The one way a command reports a failure to the user: {@link ErrorHandler} prints the message as
 * one line on stderr ({@code tooltrace: MESSAGE}) and ends the process with {@link #exitCode()}.
 * Commands never print their own error prefix or pick their own failure code.
 */
public final class CliException extends RuntimeException {
  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** Bad arguments: exit code {@link ExitCodes#USAGE}. */
  public static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  /** The data held no answer: exit code {@link ExitCodes#NO_DATA}. */
  public static CliException noData(String message) {
    return new CliException(ExitCodes.NO_DATA, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
