/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.data.DataSources;
import dev.tooltrace.cli.data.RecordedData;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of the query commands that say where their answers come from: the persistent index of
 * the queues ({@code --index DIR}, docs/query-index.md) or, with {@code --no-index}, a full read of
 * the queues as before the index. Only commands that answer through {@link RecordedData} mix it in.
 */
public final class IndexOptions {
  @Option(
      names = "--index",
      paramLabel = "DIR",
      description =
          "Where the query index of these queues lives (default: $TOOLTRACE_INDEX_DIR/<queues>,"
              + " else ~/.cache/tooltrace/index/<queues>). Built and updated from the queues as"
              + " needed; deleting it is always safe.")
  Path index;

  @Option(
      names = "--no-index",
      description = "Read the queues in full instead of using the index (as before the index).")
  boolean noIndex;

  /** The index directory given, or null for the default. */
  public Path index() {
    return index;
  }

  public boolean noIndex() {
    return noIndex;
  }

  /** Opens the recorded data of {@code queue}'s directories: the index when it can be used. */
  public RecordedData open(QueueOptions queue, PrintWriter err) {
    return DataSources.open(queue.queues(err), index, noIndex, true, err);
  }

  /** Like {@link #open}, for answers made of aggregates only (no record is read back). */
  public RecordedData openForAggregates(QueueOptions queue, PrintWriter err) {
    return DataSources.open(queue.queues(err), index, noIndex, false, err);
  }
}
