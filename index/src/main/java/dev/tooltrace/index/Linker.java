/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Links the calls read since the last linking, with the rules of {@code ProvenanceGraphBuilder} and
 * {@code CrossRunLinking} (docs/provenance.md), as a few set-based statements:
 *
 * <ol>
 *   <li>parents: each call's parent row (children are written before their parents, so a new parent
 *       also completes older rows);
 *   <li>identity: a value whose producer span the agent saw links to that call of the same run;
 *   <li>content: for every value whose hash a new call used or returned, one window over the
 *       producers and consumers of those hashes, ordered by time, gives each consumer the call of
 *       its run that most recently ended no later than it started; where the run has none, the
 *       latest such call of another run (a link crossing runs). A late producer therefore also
 *       relinks older consumers. The rare candidates the window cannot judge (a producer that ended
 *       exactly when the consumer started: the consumer itself or a call nested in it) are decided
 *       one by one;
 *   <li>returned: a call that hands back a value a call nested in it made;
 *   <li>effective confidence: one pass over all calls in end order.
 * </ol>
 */
final class Linker {
  private final Connection conn;

  Linker(Connection conn) {
    this.conn = conn;
  }

  /**
   * Links the calls from {@code linked_seq} on. Each step is its own transaction and can be run
   * again (it replaces what it derives), so an interrupted linking is simply redone from {@code
   * linked_seq}, which moves only once all steps are done. Separate transactions keep DuckDB's
   * memory bounded: one transaction holding every change of a 10M-call build does not fit in its
   * memory limit.
   */
  void link() throws SQLException {
    long lo = Long.parseLong(Sql.meta(conn, "linked_seq"));
    long next = Long.parseLong(Sql.meta(conn, "next_seq"));
    if (lo >= next) {
      return;
    }
    step(() -> parents(lo));
    step(() -> identity(lo));
    step(() -> content(lo));
    step(() -> returned(lo));
    step(() -> effective(next));
    step(
        () -> {
          Sql.setMeta(conn, "linked_seq", Long.toString(next));
          Sql.exec(
              conn,
              "DROP TABLE IF EXISTS aff",
              "DROP TABLE IF EXISTS idl",
              "DROP TABLE IF EXISTS hl",
              "DROP TABLE IF EXISTS rl");
        });
  }

  private interface Step {
    void run() throws SQLException;
  }

  private void step(Step s) throws SQLException {
    conn.setAutoCommit(false);
    try {
      s.run();
      conn.commit();
    } catch (SQLException | RuntimeException e) {
      conn.rollback();
      throw e;
    } finally {
      conn.setAutoCommit(true);
    }
  }

  private void parents(long lo) throws SQLException {
    Sql.exec(
        conn,
        "CREATE OR REPLACE TEMP TABLE ps AS SELECT c.seq, p.seq AS v FROM calls c JOIN calls p"
            + " ON p.span = c.parent AND p.t1 = c.t1 AND p.t2 = c.t2"
            + " WHERE c.parent <> 0 AND c.parent_seq IS NULL AND (c.seq >= "
            + lo
            + " OR p.seq >= "
            + lo
            + ")");
    BulkUpdate.column(conn, "parent_seq", "ps");
    Sql.exec(conn, "DROP TABLE ps");
  }

  private void identity(long lo) throws SQLException {
    Sql.exec(
        conn,
        "CREATE TEMP TABLE idl AS SELECT v.seq, v.pos, p.seq AS pseq FROM vals v"
            + " JOIN calls c ON c.seq = v.seq"
            + " JOIN calls p ON p.span = v.idp AND p.run = c.run AND p.has_out AND p.seq <> v.seq"
            + " WHERE v.idp IS NOT NULL AND (v.seq >= "
            + lo
            + " OR p.seq >= "
            + lo
            + ")",
        "DELETE FROM edges WHERE (seq, pos) IN (SELECT seq, pos FROM idl)",
        "INSERT INTO edges SELECT seq, pos, pseq, 'identity' FROM idl");
  }

  private void content(long lo) throws SQLException {
    Sql.exec(
        conn,
        "CREATE TEMP TABLE aff AS SELECT DISTINCT h1, h2 FROM ("
            + " SELECT h1, h2 FROM vals WHERE seq >= "
            + lo
            + " AND linkable UNION ALL SELECT rh1, rh2 FROM calls WHERE seq >= "
            + lo
            + " AND out_linkable)",
        "CREATE TEMP TABLE hl AS WITH"
            + " cons AS (SELECT v.seq, v.pos, v.h1, v.h2, c.run, c.start_ns AS t FROM vals v"
            + "   JOIN calls c ON c.seq = v.seq SEMI JOIN aff ON aff.h1 = v.h1 AND aff.h2 = v.h2"
            + "   WHERE v.pos >= 0 AND v.linkable AND NOT EXISTS (SELECT 1 FROM edges e"
            + "   WHERE e.seq = v.seq AND e.pos = v.pos AND e.link = 'identity')),"
            + " prod AS (SELECT p.seq, p.run, p.rh1 AS h1, p.rh2 AS h2, p.end_ns AS t FROM calls p"
            + "   SEMI JOIN aff ON aff.h1 = p.rh1 AND aff.h2 = p.rh2 WHERE p.out_linkable),"
            + " ev AS (SELECT run, h1, h2, t, 0 AS k, seq, NULL::INTEGER AS pos FROM prod"
            + "   UNION ALL SELECT run, h1, h2, t, 1 AS k, seq, pos FROM cons)"
            + " SELECT seq, pos, run, t,"
            + " last_value(CASE WHEN k = 0 THEN seq END IGNORE NULLS) OVER (PARTITION BY run, h1,"
            + "   h2 ORDER BY t, k, seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS in_run,"
            + " last_value(CASE WHEN k = 0 THEN seq END IGNORE NULLS) OVER (PARTITION BY h1, h2"
            + "   ORDER BY t, k, seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS any_run"
            + " FROM ev QUALIFY k = 1",
        "DELETE FROM edges WHERE link <> 'identity' AND pos >= 0"
            + " AND (seq, pos) IN (SELECT seq, pos FROM hl)",
        "INSERT INTO edges SELECT hl.seq, hl.pos, hl.in_run, 'hash' FROM hl"
            + " JOIN calls p ON p.seq = hl.in_run WHERE p.end_ns <> hl.t",
        "INSERT INTO edges SELECT hl.seq, hl.pos, hl.any_run, 'crossing runs' FROM hl"
            + " JOIN calls p ON p.seq = hl.any_run WHERE hl.in_run IS NULL AND p.run <> hl.run");
    List<long[]> undecided = new ArrayList<>();
    try (Statement s = conn.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT hl.seq, hl.pos FROM hl LEFT JOIN calls pi ON pi.seq = hl.in_run"
                    + " LEFT JOIN calls pa ON pa.seq = hl.any_run"
                    + " WHERE (hl.in_run IS NOT NULL AND pi.end_ns = hl.t)"
                    + " OR (hl.in_run IS NULL AND hl.any_run IS NOT NULL AND pa.run = hl.run)")) {
      while (rs.next()) {
        undecided.add(new long[] {rs.getLong(1), rs.getLong(2)});
      }
    }
    for (long[] u : undecided) {
      decideArgument(u[0], (int) u[1]);
    }
  }

  /**
   * The exact rule for one argument: candidates with the same hash that ended no later than the
   * consumer started, latest first; in its own run the first that is neither the consumer nor
   * nested in it, else the first of another run.
   */
  private void decideArgument(long seq, int pos) throws SQLException {
    String sql =
        "SELECT p.seq, p.run = c.run AS same FROM vals v JOIN calls c ON c.seq = v.seq"
            + " JOIN calls p ON p.out_linkable AND p.rh1 = v.h1 AND p.rh2 = v.h2"
            + " AND p.end_ns <= c.start_ns WHERE v.seq = ? AND v.pos = ?"
            + " ORDER BY p.end_ns DESC, p.seq DESC";
    Long inRun = null;
    Long other = null;
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setLong(1, seq);
      ps.setInt(2, pos);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next() && inRun == null) {
          long p = rs.getLong(1);
          if (rs.getBoolean(2)) {
            if (p != seq && !nested(p, seq)) {
              inRun = p;
            }
          } else if (other == null) {
            other = p;
          }
        }
      }
    }
    if (inRun != null) {
      insertEdge(seq, pos, inRun, "hash");
    } else if (other != null) {
      insertEdge(seq, pos, other, "crossing runs");
    }
  }

  private void returned(long lo) throws SQLException {
    Sql.exec(
        conn,
        "CREATE TEMP TABLE rl AS SELECT v.seq, p.seq AS pseq, p.parent_seq AS pparent,"
            + " row_number() OVER (PARTITION BY v.seq ORDER BY p.end_ns DESC, p.seq DESC) AS rn"
            + " FROM vals v JOIN calls c ON c.seq = v.seq"
            + " SEMI JOIN aff ON aff.h1 = v.h1 AND aff.h2 = v.h2"
            + " JOIN calls p ON p.out_linkable AND p.rh1 = v.h1 AND p.rh2 = v.h2 AND p.run = c.run"
            + " AND p.t1 = c.t1 AND p.t2 = c.t2 AND p.end_ns <= c.end_ns"
            + " AND p.start_ns >= c.start_ns AND p.seq <> c.seq"
            + " WHERE v.pos = -1 AND v.linkable AND NOT EXISTS (SELECT 1 FROM edges e"
            + " WHERE e.seq = v.seq AND e.pos = -1 AND e.link = 'identity')",
        "DELETE FROM edges WHERE pos = -1 AND link <> 'identity'"
            + " AND seq IN (SELECT seq FROM rl)",
        "INSERT INTO edges SELECT seq, -1, pseq, 'hash' FROM rl WHERE rn = 1 AND pparent = seq");
    List<Long> undecided = new ArrayList<>();
    try (Statement s = conn.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT seq FROM rl WHERE rn = 1 AND (pparent IS NULL OR pparent <> seq)")) {
      while (rs.next()) {
        undecided.add(rs.getLong(1));
      }
    }
    for (long seq : undecided) {
      try (PreparedStatement ps =
          conn.prepareStatement("SELECT pseq FROM rl WHERE seq = ? ORDER BY rn")) {
        ps.setLong(1, seq);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (nested(rs.getLong(1), seq)) {
              insertEdge(seq, -1, rs.getLong(1), "hash");
              break;
            }
          }
        }
      }
    }
  }

  /** Whether call {@code inner} is (transitively) nested in call {@code outer}. */
  private boolean nested(long inner, long outer) throws SQLException {
    long cur = inner;
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT parent_seq FROM calls WHERE seq = ?")) {
      for (int depth = 0; depth < 10_000; depth++) {
        ps.setLong(1, cur);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return false;
          }
          long p = rs.getLong(1);
          if (rs.wasNull()) {
            return false;
          }
          if (p == outer) {
            return true;
          }
          cur = p;
        }
      }
    }
    return false;
  }

  private void insertEdge(long seq, int pos, long pseq, String link) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO edges VALUES (?, ?, ?, ?)")) {
      ps.setLong(1, seq);
      ps.setInt(2, pos);
      ps.setLong(3, pseq);
      ps.setString(4, link);
      ps.executeUpdate();
    }
  }

  /**
   * Effective confidence of every call: min(own confidence, effective confidence of every value it
   * used), in end order so producers come first. Skipped while no call reported a confidence.
   */
  private void effective(long next) throws SQLException {
    if (Sql.count(conn, "SELECT count(*) FROM calls WHERE conf < 1.0 OR eff <> 1.0") == 0) {
      return;
    }
    double[] eff = new double[(int) next];
    Arrays.fill(eff, 1.0);
    Sql.exec(conn, "CREATE OR REPLACE TEMP TABLE effs(seq BIGINT, v DOUBLE)");
    DuckDBConnection d = conn.unwrap(DuckDBConnection.class);
    try (DuckDBAppender out = d.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "effs");
        Statement s = conn.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT c.seq, c.conf, c.eff, e.pseq FROM calls c LEFT JOIN edges e"
                    + " ON e.seq = c.seq ORDER BY c.end_ns, c.seq")) {
      long cur = -1;
      double value = 1.0;
      double stored = 1.0;
      while (rs.next()) {
        long seq = rs.getLong(1);
        if (seq != cur) {
          if (cur >= 0) {
            flush(out, eff, cur, value, stored);
          }
          cur = seq;
          double conf = rs.getDouble(2);
          value = rs.wasNull() ? 1.0 : conf;
          stored = rs.getDouble(3);
        }
        long p = rs.getLong(4);
        if (!rs.wasNull()) {
          value = Math.min(value, eff[(int) p]);
        }
      }
      if (cur >= 0) {
        flush(out, eff, cur, value, stored);
      }
    }
    BulkUpdate.column(conn, "eff", "effs");
    Sql.exec(conn, "DROP TABLE effs");
  }

  private static void flush(DuckDBAppender out, double[] eff, long seq, double value, double stored)
      throws SQLException {
    eff[(int) seq] = value;
    if (value != stored) {
      out.beginRow().append(seq).append(value).endRow();
    }
  }
}
