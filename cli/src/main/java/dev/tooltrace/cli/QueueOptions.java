/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.data.DataSources;
import dev.tooltrace.cli.data.QueueSet;
import dev.tooltrace.cli.data.RecordedData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --dir} option every command that reads recorded data takes (repeatable: several
 * queues, or a directory holding many), and where the persistent index lives.
 */
public final class QueueOptions {
  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description =
          "A queue directory the agent wrote (its dir= setting), or a directory holding many"
              + " queues (backups from many hosts). Repeat for several.")
  List<Path> dirs;

  @Option(
      names = "--index",
      paramLabel = "DIR",
      description =
          "Where the query index of these queues lives (default: $TOOLTRACE_INDEX_DIR, else"
              + " ~/.cache/tooltrace/index/<queues>). Built and updated from the queues as"
              + " needed; deleting it is always safe.")
  Path index;

  @Option(
      names = "--no-index",
      description = "Read the queues in full instead of using the index (as before the index).")
  boolean noIndex;

  /** The first directory given (commands that read one queue). */
  public Path dir() {
    return dirs.get(0);
  }

  public List<Path> dirs() {
    return dirs;
  }

  /** The queues the directories hold; one line on {@code err} per directory skipped. */
  public QueueSet queues(PrintWriter err) {
    return QueueSet.resolve(dirs, err);
  }

  /** Opens the recorded data: the index when it can be used, else a full read. */
  public RecordedData open(PrintWriter err) {
    return DataSources.open(queues(err), index, noIndex, err);
  }
}
