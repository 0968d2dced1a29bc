/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import dev.tooltrace.cli.data.Timing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Links the calls read since the last linking, with the rules of {@code ProvenanceGraphBuilder} and
 * {@code CrossRunLinking} (docs/provenance.md) over the references {@code ValueLinking} gives (one
 * {@code vals} row each: whole values and their elements), as a few set-based statements:
 *
 * <ol>
 *   <li>parents: each call's parent row (children are written before their parents, so a new parent
 *       also completes older rows);
 *   <li>identity: a reference whose producer span the agent saw links to that call of the same run;
 *   <li>content: for every reference whose hash a new call used or produced, one window over the
 *       producers ({@code ValueLinking.outputs}: a call's result and the elements of it) and
 *       consumers of those hashes, ordered by time, gives each argument reference the call of its
 *       run that most recently ended no later than it started — on a tie a whole output before an
 *       element. A late producer therefore also relinks older consumers. The rare candidates the
 *       window cannot judge (a producer that ended exactly when the consumer started: the consumer
 *       itself or a call nested in it) are decided one by one;
 *   <li>returned: a call that hands back (inside) its result a value a call nested in it made
 *       (nested along parent rows);
 *   <li>explained: a whole argument that nothing produced but whose elements all link is no
 *       external input ({@code ValueLinking.explained});
 *   <li>crossing runs: a whole argument that is still an external input links to the latest whole
 *       output of another run that ended no later than it started;
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
    step("parents", () -> parents(lo));
    step("identity", () -> identity(lo));
    step("content", () -> content(lo));
    step("returned", () -> returned(lo));
    step("explained", () -> explain(lo));
    step("crossing runs", () -> crossing());
    step("effective confidence", () -> effective(next));
    step(
        "done",
        () -> {
          Sql.setMeta(conn, "linked_seq", Long.toString(next));
          Sql.exec(
              conn,
              "DROP TABLE IF EXISTS aff",
              "DROP TABLE IF EXISTS idl",
              "DROP TABLE IF EXISTS hl",
              "DROP TABLE IF EXISTS rl",
              "DROP TABLE IF EXISTS exc");
        });
  }

  private interface Step {
    void run() throws SQLException;
  }

  private void step(String name, Step s) throws SQLException {
    conn.setAutoCommit(false);
    try {
      s.run();
      conn.commit();
      Timing.mark("linking: " + name);
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
        "CREATE OR REPLACE TEMP TABLE idl AS SELECT v.seq, v.pos, v.elem, p.seq AS pseq,"
            + " v.idp_elem AS pel FROM vals v JOIN calls c ON c.seq = v.seq"
            + " JOIN calls p ON p.span = v.idp AND p.run = c.run AND p.has_out AND p.seq <> v.seq"
            + " WHERE v.idp IS NOT NULL AND (v.seq >= "
            + lo
            + " OR p.seq >= "
            + lo
            + ")",
        "DELETE FROM edges WHERE (seq, pos, elem) IN (SELECT seq, pos, elem FROM idl)",
        "INSERT INTO edges SELECT seq, pos, elem, pseq, 'identity', pel FROM idl");
  }

  /** The rows of {@code hl}: argument references and their candidates, from one window. */
  private void content(long lo) throws SQLException {
    Sql.exec(
        conn,
        "CREATE OR REPLACE TEMP TABLE aff AS SELECT DISTINCT h1, h2 FROM vals WHERE seq >= "
            + lo
            + " AND linkable",
        // in_run: 2 * the producer's row + 1 when it holds the hash only as an element.
        "CREATE OR REPLACE TEMP TABLE hl AS WITH"
            + " cons AS (SELECT v.seq, v.pos, v.elem, v.h1, v.h2, c.run, c.start_ns AS t"
            + "   FROM vals v JOIN calls c ON c.seq = v.seq"
            + "   SEMI JOIN aff ON aff.h1 = v.h1 AND aff.h2 = v.h2"
            + "   WHERE v.pos >= 0 AND v.linkable AND NOT EXISTS (SELECT 1 FROM edges e"
            + "   WHERE e.seq = v.seq AND e.pos = v.pos AND e.elem = v.elem"
            + "   AND e.link = 'identity')),"
            + " prod AS (SELECT v.seq, c.run, v.h1, v.h2, c.end_ns AS t, v.elem < 0 AS whole"
            + "   FROM vals v JOIN calls c ON c.seq = v.seq"
            + "   SEMI JOIN aff ON aff.h1 = v.h1 AND aff.h2 = v.h2 WHERE v.is_out),"
            + " ev AS (SELECT run, h1, h2, t, 0 AS k, whole, seq, NULL::INTEGER AS pos,"
            + "   NULL::INTEGER AS elem FROM prod"
            + "   UNION ALL SELECT run, h1, h2, t, 1 AS k, NULL::BOOLEAN, seq, pos, elem FROM cons)"
            + " SELECT seq, pos, elem, run, t,"
            + " last_value(CASE WHEN k = 0 THEN 2 * seq + CASE WHEN whole THEN 0 ELSE 1 END END"
            + "   IGNORE NULLS) OVER (PARTITION BY run, h1, h2 ORDER BY t, k, whole, seq"
            + "   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS in_run,"
            + " last_value(CASE WHEN k = 0 AND whole THEN seq END IGNORE NULLS) OVER (PARTITION"
            + "   BY h1, h2 ORDER BY t, k, seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"
            + "   AS any_run"
            + " FROM ev QUALIFY k = 1",
        "DELETE FROM edges WHERE link <> 'identity' AND pos >= 0"
            + " AND (seq, pos, elem) IN (SELECT seq, pos, elem FROM hl)",
        "INSERT INTO edges SELECT hl.seq, hl.pos, hl.elem, hl.in_run // 2, 'hash',"
            + " hl.in_run % 2 = 1 FROM hl JOIN calls p ON p.seq = hl.in_run // 2"
            + " WHERE p.end_ns <> hl.t");
    List<long[]> undecided = new ArrayList<>();
    try (Statement s = conn.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT hl.seq, hl.pos, hl.elem FROM hl JOIN calls p ON p.seq = hl.in_run // 2"
                    + " WHERE p.end_ns = hl.t")) {
      while (rs.next()) {
        undecided.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
      }
    }
    for (long[] u : undecided) {
      decideInRun(u[0], (int) u[1], (int) u[2]);
    }
  }

  /**
   * The exact rule for one argument reference: outputs of its run with the same hash that ended no
   * later than the consumer started, latest first, a whole output before an element on a tie; the
   * first that is neither the consumer nor nested in it.
   */
  private void decideInRun(long seq, int pos, int elem) throws SQLException {
    String sql =
        "SELECT p.seq, pv.elem < 0 AS whole FROM vals v JOIN calls c ON c.seq = v.seq"
            + " JOIN vals pv ON pv.is_out AND pv.h1 = v.h1 AND pv.h2 = v.h2"
            + " JOIN calls p ON p.seq = pv.seq AND p.run = c.run AND p.end_ns <= c.start_ns"
            + " WHERE v.seq = ? AND v.pos = ? AND v.elem = ?"
            + " ORDER BY p.end_ns DESC, whole DESC, p.seq DESC";
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setLong(1, seq);
      ps.setInt(2, pos);
      ps.setInt(3, elem);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long p = rs.getLong(1);
          if (p != seq && !nested(p, seq)) {
            insertEdge(seq, pos, elem, p, "hash", !rs.getBoolean(2));
            return;
          }
        }
      }
    }
  }

  /**
   * A call's returned value (and each element of it) that no identity explains links to the call
   * nested in it that most recently produced the same hash, ended no later than it did (a whole
   * output before an element on a tie). Nested means along parent rows, as {@code
   * ProvenanceGraphBuilder} decides: the pairs of a call and each of its ancestors are enumerated
   * first, and only their outputs are compared by hash — comparing by hash first would pair every
   * producer of a frequent element (a common word in a million token lists) with every consumer.
   */
  private void returned(long lo) throws SQLException {
    Sql.exec(
        conn,
        "CREATE OR REPLACE TEMP TABLE rl AS WITH RECURSIVE"
            + " anc(d, a, depth) AS (SELECT seq, parent_seq, 1 FROM calls"
            + "   WHERE parent_seq IS NOT NULL AND has_out"
            + "   UNION ALL SELECT anc.d, c.parent_seq, anc.depth + 1 FROM anc"
            + "   JOIN calls c ON c.seq = anc.a WHERE c.parent_seq IS NOT NULL AND anc.depth < 10000)"
            + " SELECT v.seq, v.elem, p.seq AS pseq, pv.elem < 0 AS whole"
            + " FROM vals v SEMI JOIN aff ON aff.h1 = v.h1 AND aff.h2 = v.h2"
            + " JOIN calls c ON c.seq = v.seq JOIN anc ON anc.a = v.seq"
            + " JOIN vals pv ON pv.seq = anc.d AND pv.is_out AND pv.h1 = v.h1 AND pv.h2 = v.h2"
            + " JOIN calls p ON p.seq = pv.seq AND p.end_ns <= c.end_ns"
            + " WHERE v.pos = -1 AND v.linkable AND NOT EXISTS (SELECT 1 FROM edges e"
            + " WHERE e.seq = v.seq AND e.pos = -1 AND e.elem = v.elem AND e.link = 'identity')"
            + " QUALIFY row_number() OVER (PARTITION BY v.seq, v.elem"
            + " ORDER BY p.end_ns DESC, pv.elem < 0 DESC, p.seq DESC) = 1",
        "DELETE FROM edges WHERE pos = -1 AND link <> 'identity'"
            + " AND (seq, elem) IN (SELECT seq, elem FROM rl)",
        "INSERT INTO edges SELECT seq, -1, elem, pseq, 'hash', NOT whole FROM rl");
  }

  /**
   * Which whole arguments without a producer of their run are explained by their elements: those of
   * the calls read now and of the calls whose references were relinked.
   */
  private void explain(long lo) throws SQLException {
    Sql.exec(
        conn,
        // Every candidate's old answer goes (one linked whole now is no longer "explained");
        // only those without a producer of their run are judged again.
        "CREATE OR REPLACE TEMP TABLE exc AS SELECT v.seq, v.pos, v.shape, EXISTS (SELECT 1"
            + " FROM edges e WHERE e.seq = v.seq AND e.pos = v.pos AND e.elem = -1"
            + " AND e.link <> 'crossing runs') AS whole_linked FROM vals v"
            + " WHERE v.pos >= 0 AND v.elem = -1 AND v.shape IS NOT NULL AND (v.seq >= "
            + lo
            + " OR v.seq IN (SELECT seq FROM idl) OR v.seq IN (SELECT seq FROM hl))",
        "DELETE FROM explained WHERE (seq, pos) IN (SELECT seq, pos FROM exc)");
    Sql.exec(conn, "CREATE OR REPLACE TEMP TABLE exp_new(seq BIGINT, pos INTEGER)");
    DuckDBConnection d = conn.unwrap(DuckDBConnection.class);
    try (DuckDBAppender out = d.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "exp_new");
        Statement s = conn.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT x.seq, x.pos, any_value(x.shape), list(e.elem) FILTER (WHERE e.elem"
                    + " IS NOT NULL) FROM exc x LEFT JOIN edges e ON e.seq = x.seq"
                    + " AND e.pos = x.pos AND e.elem >= 0 WHERE NOT x.whole_linked"
                    + " GROUP BY x.seq, x.pos")) {
      while (rs.next()) {
        Set<Integer> linked = new HashSet<>();
        java.sql.Array a = rs.getArray(4);
        if (a != null) {
          for (Object o : (Object[]) a.getArray()) {
            linked.add(((Number) o).intValue());
          }
        }
        if (ElementShape.explained(rs.getString(3), linked::contains)) {
          out.beginRow().append(rs.getLong(1)).append(rs.getInt(2)).endRow();
        }
      }
    }
    Sql.exec(conn, "INSERT INTO explained SELECT * FROM exp_new", "DROP TABLE exp_new");
  }

  /**
   * Links across runs the whole arguments of {@code hl} that are external inputs: no producer of
   * their run, not explained by their elements. An argument explained now loses a link it had.
   */
  private void crossing() throws SQLException {
    String external =
        " AND NOT EXISTS (SELECT 1 FROM edges e WHERE e.seq = hl.seq AND e.pos = hl.pos"
            + " AND e.elem = -1) AND NOT EXISTS (SELECT 1 FROM explained x"
            + " WHERE x.seq = hl.seq AND x.pos = hl.pos)";
    Sql.exec(
        conn,
        "DELETE FROM edges WHERE link = 'crossing runs'"
            + " AND (seq, pos) IN (SELECT seq, pos FROM explained)",
        "INSERT INTO edges SELECT hl.seq, hl.pos, -1, hl.any_run, 'crossing runs', false"
            + " FROM hl JOIN calls p ON p.seq = hl.any_run WHERE hl.elem = -1"
            + " AND p.run <> hl.run"
            + external);
    List<long[]> undecided = new ArrayList<>();
    try (Statement s = conn.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT hl.seq, hl.pos FROM hl JOIN calls p ON p.seq = hl.any_run"
                    + " WHERE hl.elem = -1 AND p.run = hl.run"
                    + external)) {
      while (rs.next()) {
        undecided.add(new long[] {rs.getLong(1), rs.getLong(2)});
      }
    }
    String sql =
        "SELECT p.seq FROM vals v JOIN calls c ON c.seq = v.seq"
            + " JOIN vals pv ON pv.is_out AND pv.elem = -1 AND pv.h1 = v.h1 AND pv.h2 = v.h2"
            + " JOIN calls p ON p.seq = pv.seq AND p.run <> c.run AND p.end_ns <= c.start_ns"
            + " WHERE v.seq = ? AND v.pos = ? AND v.elem = -1"
            + " ORDER BY p.end_ns DESC, p.seq DESC LIMIT 1";
    for (long[] u : undecided) {
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        ps.setLong(1, u[0]);
        ps.setInt(2, (int) u[1]);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            insertEdge(u[0], (int) u[1], -1, rs.getLong(1), "crossing runs", false);
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

  private void insertEdge(long seq, int pos, int elem, long pseq, String link, boolean pel)
      throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, seq);
      ps.setInt(2, pos);
      ps.setInt(3, elem);
      ps.setLong(4, pseq);
      ps.setString(5, link);
      ps.setBoolean(6, pel);
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
