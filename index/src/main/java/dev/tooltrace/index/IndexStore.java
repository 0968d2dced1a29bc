/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The index's database: one DuckDB file, {@code index.duckdb}, in the index directory. It is a
 * cache of the queues — the queues stay the source of truth — so whatever is wrong with it
 * (missing, unreadable, written by another format version, built from another set of queues) is one
 * line on stderr and a rebuild, never an error.
 *
 * <p>DuckDB was chosen by measurement (docs/query-index.md): bulk appends of millions of rows per
 * second, window functions that link a whole queue in one sorted pass, aggregates and Parquet
 * export built in, and a memory limit past which it spills to disk, so the CLI stays within its
 * heap however large the queue.
 */
final class IndexStore {
  /** Bumped whenever the tables or their meaning change: an older index is rebuilt. */
  static final int FORMAT_VERSION = 6;

  static final String FILE = "index.duckdb";

  private IndexStore() {}

  /** Opens the index in {@code dir} for {@code queuesKey}, rebuilding it when it cannot serve. */
  static Connection open(Path dir, String queuesKey, PrintWriter err) throws SQLException {
    Path file = dir.resolve(FILE);
    if (Files.exists(file)) {
      Connection c = null;
      String problem;
      try {
        c = connect(file);
        problem = check(c, queuesKey);
      } catch (SQLException | RuntimeException e) {
        problem =
            "is damaged (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")";
      }
      if (problem == null) {
        return c;
      }
      if (c != null) {
        c.close();
      }
      err.println("tooltrace: index " + dir + " " + problem + "; rebuilding it from the queues");
      err.flush();
      delete(dir);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new SQLException("cannot create the index directory " + dir + ": " + e.getMessage());
    }
    Connection c = connect(file);
    create(c, queuesKey);
    return c;
  }

  /** Why the open index cannot be used, or null when it can. */
  private static String check(Connection c, String queuesKey) {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT k, v FROM meta")) {
      String version = null;
      String key = null;
      while (rs.next()) {
        if (rs.getString(1).equals("format")) {
          version = rs.getString(2);
        } else if (rs.getString(1).equals("queues")) {
          key = rs.getString(2);
        }
      }
      if (!String.valueOf(FORMAT_VERSION).equals(version)) {
        return "has format version " + version + ", this tooltrace reads " + FORMAT_VERSION;
      }
      if (!queuesKey.equals(key)) {
        return "was built from other queues";
      }
      for (String table : Schema.NAMES) {
        try (Statement t = c.createStatement();
            ResultSet none = t.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
          // the table is there
        }
      }
      return null;
    } catch (SQLException | RuntimeException e) {
      String m = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      return "is damaged (" + m + ")";
    }
  }

  static Connection connect(Path file) throws SQLException {
    Properties p = new Properties();
    // The CLI runs within -Xmx512m; DuckDB's own memory is native and bounded here too.
    p.setProperty("memory_limit", System.getProperty("tooltrace.index.memory", "512MB"));
    p.setProperty("threads", System.getProperty("tooltrace.index.threads", "2"));
    p.setProperty("preserve_insertion_order", "false");
    // Not DriverManager: it only sees drivers of the caller's class loader's parents, and the
    // engine lives in a child loader of the CLI.
    Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + file.toAbsolutePath(), p);
    if (c == null) {
      throw new SQLException("DuckDB refused " + file);
    }
    return c;
  }

  private static void create(Connection c, String queuesKey) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String ddl : Schema.TABLES) {
        s.execute(ddl);
      }
      s.execute("INSERT INTO meta VALUES ('format', '" + FORMAT_VERSION + "')");
      s.execute("INSERT INTO meta VALUES ('queues', '" + queuesKey.replace("'", "''") + "')");
      s.execute("INSERT INTO meta VALUES ('next_seq', '0')");
      s.execute("INSERT INTO meta VALUES ('linked_seq', '0')");
    }
  }

  static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> all = s.sorted(Comparator.reverseOrder()).toList();
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot delete the index " + dir + ": " + e.getMessage(), e);
    }
  }
}
