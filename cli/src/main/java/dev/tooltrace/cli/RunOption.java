/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --run} option: a run reference resolved by {@link RunCatalog}'s one rule. Commands
 * differ only in what an absent {@code --run} means (all runs, the only run, the latest run), so
 * each says which method it calls.
 */
public final class RunOption {
  @Option(
      names = "--run",
      paramLabel = "RUN",
      description =
          "A run: its id, a unique id prefix (any case), its run name (the latest run of that"
              + " name) or 'latest'.")
  String ref;

  /** The reference as given, or null. */
  public String ref() {
    return ref;
  }

  /** The run named by {@code --run}, or null when it was not given (meaning every run). */
  public String resolveOrAll(RunCatalog runs) {
    return ref == null ? null : runs.resolve(ref);
  }

  /** The run named by {@code --run}; without it, the queue's only run. */
  public String resolveOrOnly(RunCatalog runs) {
    return runs.resolveOrOnly(ref);
  }

  /** The run named by {@code --run}; without it, the run started last. */
  public String resolveOrLatest(RunCatalog runs) {
    return runs.resolve(ref == null ? RunCatalog.LATEST : ref);
  }
}
