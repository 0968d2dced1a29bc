/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

/**
 * Every process exit code of the CLI, in one place. Failures reach the user through {@link
 * CliException} (or picocli's own usage errors), which {@link ErrorHandler} turns into one line on
 * stderr and one of these codes.
 */
public final class ExitCodes {
  private ExitCodes() {}

  public static final int OK = 0;

  /** The data did not allow an answer: nothing readable, no such span, run or value. */
  public static final int NO_DATA = 1;

  /** Bad arguments or a directory that is not a tooltrace queue (picocli's usage code too). */
  public static final int USAGE = 2;

  /** {@code diff --check} and {@code replay}: the outputs differ from the recorded ones. */
  public static final int DIFFERS = 3;

  /** {@code replay}: the call cannot be re-invoked (an input was redacted or not captured). */
  public static final int NOT_REPLAYABLE = 4;

  /** {@code audit}: the hash chain is broken or a seal does not verify. */
  public static final int BROKEN = 5;
}
