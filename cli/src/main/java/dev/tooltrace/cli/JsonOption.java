/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import picocli.CommandLine.Option;

/** The {@code --json} option of every command with a machine-readable output. */
public final class JsonOption {
  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  public boolean json() {
    return json;
  }
}
