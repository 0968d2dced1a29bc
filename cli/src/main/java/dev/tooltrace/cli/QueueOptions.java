/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --dir} option of every command that reads a queue ({@code @Mixin QueueOptions}).
 *
 * <p>It is declared repeatable so that queries across several queue directories ({@code --dir A
 * --dir B}, issue 14) can be added without changing any command's options; until a command supports
 * that, it asks for {@link #dir()}, which rejects a second {@code --dir} with one clear line (exit
 * code 2). A command that reads several calls {@link #dirs()}.
 */
public final class QueueOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description =
          "The queue directory the agent wrote (its dir= setting). Repeatable for queries across"
              + " several queues; every command reads one so far.")
  List<Path> dirs = new ArrayList<>();

  /** The one queue directory; a usage error when {@code --dir} was given more than once. */
  public Path dir() {
    if (dirs.size() != 1) {
      throw CliException.usage(
          "--dir was given "
              + dirs.size()
              + " times ("
              + String.join(", ", dirs.stream().map(Path::toString).toList())
              + "): '"
              + command.name()
              + "' reads one queue directory");
    }
    return dirs.get(0);
  }

  /** Every {@code --dir} in the order given, for commands that read several queues. */
  public List<Path> dirs() {
    return List.copyOf(dirs);
  }
}
