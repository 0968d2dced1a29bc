/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import dev.tooltrace.cli.CliException;
import dev.tooltrace.cli.data.FullLoad;
import dev.tooltrace.cli.data.QueueSet;
import dev.tooltrace.cli.data.RecordedData;
import dev.tooltrace.cli.data.RecordedDataProvider;
import dev.tooltrace.cli.data.Timing;
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
  public RecordedData open(QueueSet queues, Path indexDir, boolean readsRecords, PrintWriter err) {
    List<Path> sorted = new ArrayList<>(queues.queues());
    sorted.sort(null);
    String key = String.join("\n", sorted.stream().map(Path::toString).toList());
    QueueDocs docs = new QueueDocs(sorted);
    if (readsRecords) {
      docs.openInBackground();
    }
    Connection conn = null;
    try {
      NativeLibrary.require();
      conn = IndexStore.open(indexDir, key, err);
      Timing.mark("index opened");
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
      Timing.mark("queues checked for new documents");
      new Linker(conn).link();
      Timing.mark("linked");
      DuckIndex index = new DuckIndex(conn, sorted, docs, err);
      Timing.mark("ready");
      return index;
    } catch (SQLException | Ingest.QueueChanged | RuntimeException | LinkageError e) {
      docs.close();
      closeQuietly(conn);
      if (e instanceof dev.tooltrace.record.QueueFiles.NotAQueueException n) {
        throw n;
      }
      if (e instanceof CliException c) {
        throw c; // an answer about the queues (nothing readable), not a problem of the index
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

  private static void closeQuietly(Connection conn) {
    if (conn != null) {
      try {
        conn.close();
      } catch (SQLException e) {
        // the full read goes on without it
      }
    }
  }
}
