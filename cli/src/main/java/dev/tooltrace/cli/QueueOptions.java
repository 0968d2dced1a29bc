/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --dir} option every command that reads recorded data takes. */
public final class QueueOptions {
  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description = "The queue directory the agent wrote (its dir= setting).")
  Path dir;

  public Path dir() {
    return dir;
  }
}
