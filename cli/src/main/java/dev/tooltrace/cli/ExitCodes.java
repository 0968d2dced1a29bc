/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

/** Process exit codes of the CLI. */
public final class ExitCodes {
  private ExitCodes() {}

  public static final int OK = 0;

  /** The data did not allow an answer: nothing readable, no such span, run or value. */
  public static final int NO_DATA = 1;

  /** Bad arguments or a directory that is not a tooltrace queue (picocli's usage code too). */
  public static final int USAGE = 2;
}
