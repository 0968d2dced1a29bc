/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.data;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Chooses where a query command's answers come from: the persistent index when its engine is
 * installed and not switched off ({@code --no-index}, {@code TOOLTRACE_INDEX=off}), else a full
 * read of the queues ({@link FullLoad}, what every command did before the index).
 */
public final class DataSources {
  private DataSources() {}

  /**
   * Opens the recorded data of {@code queues}; {@code readsRecords} is false when the answers need
   * only aggregates (statistics), true when they read records back (see {@link
   * RecordedDataProvider}).
   */
  public static RecordedData open(
      QueueSet queues, Path indexDir, boolean noIndex, boolean readsRecords, PrintWriter err) {
    if (!noIndex && !"off".equalsIgnoreCase(System.getenv("TOOLTRACE_INDEX"))) {
      RecordedDataProvider engine;
      try {
        Timing.mark("command parsed");
        engine = IndexEngine.find();
        Timing.mark("index engine loaded");
      } catch (RuntimeException e) {
        err.println("tooltrace: " + e.getMessage() + "; reading the queues in full");
        engine = null;
      }
      if (engine != null) {
        Path dir = indexDir != null ? indexDir : defaultIndexDir(queues);
        return engine.open(queues, dir, readsRecords, err);
      }
    }
    return new FullLoad(queues, err);
  }

  /**
   * {@code $TOOLTRACE_INDEX_DIR/KEY}, else {@code ${XDG_CACHE_HOME:-~/.cache}/tooltrace/index/KEY},
   * KEY naming the set of queues: the same queues always find the same index, and an index never
   * serves another set. Queue directories stay untouched (they may be read-only backups).
   */
  public static Path defaultIndexDir(QueueSet queues) {
    String root = System.getenv("TOOLTRACE_INDEX_DIR");
    Path base;
    if (root != null && !root.isBlank()) {
      base = Path.of(root);
    } else {
      String xdg = System.getenv("XDG_CACHE_HOME");
      Path cache =
          xdg != null && !xdg.isBlank()
              ? Path.of(xdg)
              : Path.of(System.getProperty("user.home"), ".cache");
      base = cache.resolve("tooltrace").resolve("index");
    }
    return base.resolve(key(queues));
  }

  static String key(QueueSet queues) {
    List<String> paths = new ArrayList<>();
    for (Path p : queues.queues()) {
      paths.add(p.toAbsolutePath().normalize().toString());
    }
    paths.sort(null);
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] h = md.digest(String.join("\n", paths).getBytes(StandardCharsets.UTF_8));
      String last =
          Path.of(paths.get(0)).getFileName() == null
              ? "queue"
              : Path.of(paths.get(0)).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
      return last + "-" + HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
