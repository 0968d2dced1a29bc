/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.data.QueueSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --dir} option of every command that reads a queue ({@code @Mixin QueueOptions}).
 *
 * <p>It is repeatable. The query commands read several queue directories ({@code --dir A --dir B},
 * or a directory holding many queues: {@link #queues}); a command that reads one queue asks for
 * {@link #dir()}, which rejects a second {@code --dir} with one clear line (exit code 2).
 */
public final class QueueOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description =
          "The queue directory the agent wrote (its dir= setting). The query commands (show,"
              + " stats, runs, lineage, impact, prov, diff, evidence, export-tables) take it"
              + " repeatedly, and a directory holding many queues (backups from many hosts).")
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

  /**
   * The queues every {@code --dir} holds (itself, or the queues below it); one line on {@code err}
   * per directory skipped because it holds none.
   */
  public QueueSet queues(PrintWriter err) {
    return QueueSet.resolve(dirs, err);
  }
}
