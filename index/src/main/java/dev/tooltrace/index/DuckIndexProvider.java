/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import dev.tooltrace.cli.data.FullLoad;
import dev.tooltrace.cli.data.QueueSet;
import dev.tooltrace.cli.data.RecordedData;
import dev.tooltrace.cli.data.RecordedDataProvider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the index of a set of queues: creates or reopens it, reads what the queues gained since
 * (resuming where the last build stopped), links it, and answers from it. An index that cannot
 * serve is rebuilt; one that cannot be opened at all (another process holds its lock, no space) is
 * one line and a full read of the queues, so a command always answers.
 */
public final class DuckIndexProvider implements RecordedDataProvider {
  @Override
  public RecordedData open(QueueSet queues, Path indexDir, PrintWriter err) {
    List<Path> sorted = new ArrayList<>(queues.queues());
    sorted.sort(null);
    String key = String.join("\n", sorted.stream().map(Path::toString).toList());
    try {
      NativeLibrary.require();
      Connection conn = IndexStore.open(indexDir, key, err);
      try {
        new Ingest(conn, err).run(sorted);
      } catch (Ingest.QueueChanged e) {
        conn.close();
        err.println("tooltrace: " + e.getMessage() + "; rebuilding the index " + indexDir);
        err.flush();
        IndexStore.delete(indexDir);
        conn = IndexStore.open(indexDir, key, err);
        new Ingest(conn, err).run(sorted);
      }
      new Linker(conn).link();
      return new DuckIndex(conn, sorted, err);
    } catch (SQLException | Ingest.QueueChanged | RuntimeException | LinkageError e) {
      if (e instanceof dev.tooltrace.record.QueueFiles.NotAQueueException n) {
        throw n;
      }
      String m = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      err.println(
          "tooltrace: cannot use the index "
              + indexDir
              + " ("
              + m
              + "); reading the queues in full");
      err.flush();
      return new FullLoad(queues, err);
    }
  }
}
