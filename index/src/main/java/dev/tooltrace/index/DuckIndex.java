/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import dev.tooltrace.cli.QueueLoader;
import dev.tooltrace.cli.RunCatalog;
import dev.tooltrace.cli.analysis.CallGroup;
import dev.tooltrace.cli.analysis.Recording;
import dev.tooltrace.cli.analysis.StatsAccumulator;
import dev.tooltrace.cli.analysis.StatsReport;
import dev.tooltrace.cli.analysis.TraceForest;
import dev.tooltrace.cli.analysis.TraceForest.Trace;
import dev.tooltrace.cli.data.GraphAnswer;
import dev.tooltrace.cli.data.RecordedData;
import dev.tooltrace.cli.data.TableExporter;
import dev.tooltrace.cli.data.TraceQuery;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.ChainLink;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunEndRecord;
import dev.tooltrace.record.RunRecord;
import dev.tooltrace.record.SampleRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Answers the query commands from the index: statistics from the stored per-tool histograms, traces
 * and graphs by looking up only the rows they need and reading those records back from the queues.
 * Memory grows with the answer, not with the queues.
 */
final class DuckIndex implements RecordedData, TableExporter {
  private static final int PAGE = 64;

  private final Connection conn;
  private final List<Path> queues;
  private final PrintWriter err;
  private final QueueDocs docs;
  private RunCatalog runs;

  DuckIndex(Connection conn, List<Path> queues, QueueDocs docs, PrintWriter err)
      throws SQLException {
    this.conn = conn;
    this.queues = queues;
    this.err = err;
    this.docs = docs;
    reportDuplicateRuns();
    reportUnreadable();
  }

  /**
   * Names every unreadable document of the queues in one line each, on every command, as a full
   * read does: an answer that leaves records out says so. A queue that held documents of which none
   * was readable is the error a full read gives (exit code 1).
   */
  private void reportUnreadable() throws SQLException {
    List<Object[]> sources = new ArrayList<>();
    try (Statement s = conn.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT src, unreadable FROM sources WHERE unreadable > 0 ORDER BY src")) {
      while (rs.next()) {
        sources.add(new Object[] {rs.getInt(1), rs.getLong(2)});
      }
    }
    for (Object[] src : sources) {
      try (PreparedStatement ps =
          conn.prepareStatement("SELECT line FROM unreadable WHERE src = ? ORDER BY qidx")) {
        ps.setInt(1, (Integer) src[0]);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            err.println(rs.getString(1));
          }
        }
      }
      err.flush();
      if (Sql.count(conn, "SELECT count(*) FROM docs WHERE src = " + src[0]) == 0) {
        throw QueueLoader.noReadableDocument(queues.get((Integer) src[0]), (Long) src[1]);
      }
    }
  }

  Connection connection() {
    return conn;
  }

  private void reportDuplicateRuns() throws SQLException {
    if (queues.size() < 2) {
      return;
    }
    try (Statement s = conn.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT run, list(DISTINCT src ORDER BY src) FROM docs GROUP BY run"
                    + " HAVING count(DISTINCT src) > 1 ORDER BY run")) {
      while (rs.next()) {
        Object[] srcs = (Object[]) rs.getArray(2).getArray();
        List<String> dirs = new ArrayList<>();
        for (Object o : srcs) {
          dirs.add(queues.get(((Number) o).intValue()).toString());
        }
        err.println(
            "tooltrace: run "
                + rs.getString(1)
                + " is in "
                + String.join(" and ", dirs)
                + ": each of its records is read once");
      }
    }
    err.flush();
  }

  /**
   * Runs in order of first appearance (by queue, then position); names and the run started last
   * from the RUN documents, as {@link RunCatalog} reads them from a queue.
   */
  @Override
  public RunCatalog runs() {
    if (runs == null) {
      RunCatalog c = new RunCatalog();
      try (Statement s = conn.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT run FROM run_order ORDER BY src, qidx")) {
          while (rs.next()) {
            c.addRunId(rs.getString(1));
          }
        }
        try (ResultSet rs = s.executeQuery("SELECT run, name FROM runs ORDER BY src, qidx")) {
          while (rs.next()) {
            c.addStartedRun(rs.getString(1), rs.getString(2));
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      runs = c;
    }
    return runs;
  }

  /** Every run id, in order of first appearance. */
  private List<String> runIds() {
    return new ArrayList<>(runs().ids());
  }

  @Override
  public StatsReport stats(String id) {
    StatsAccumulator acc = new StatsAccumulator();
    runIds().forEach(acc::addRun);
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT run, tool, stats FROM tool_stats ORDER BY tool")) {
      while (rs.next()) {
        acc.addGroup(rs.getString(1), CallGroup.fromBytes(rs.getString(2), rs.getBytes(3)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return id == null ? acc.report() : acc.report(id);
  }

  // ---- show ----

  @Override
  public List<Trace> traces(TraceQuery q) {
    try {
      String run = q.runId();
      StringBuilder where = new StringBuilder("TRUE");
      List<Object> params = new ArrayList<>();
      if (run != null) {
        where.append(" AND run = ?");
        params.add(run);
      }
      if (q.spanId() != null) {
        where.append(" AND span = ?");
        params.add(Ids.span(q.spanId()));
      } else if (q.tool() != null) {
        where.append(" AND tool = ?");
        params.add(q.tool());
      } else {
        where.append(" AND parent_seq IS NULL");
      }
      if (q.traceId() != null) {
        where.append(" AND t1 = ? AND t2 = ?");
        params.add(Ids.hi(q.traceId()));
        params.add(Ids.lo(q.traceId()));
      }
      Comparator<Trace> order =
          Comparator.comparingLong(Trace::startEpochNanos).thenComparing(Trace::traceId);
      TreeSet<Trace> kept = new TreeSet<>(order);
      Set<String> seenTraces = new HashSet<>();
      Integer limit = q.limit();
      long afterStart = Long.MAX_VALUE;
      long afterSeq = Long.MAX_VALUE;
      while (true) {
        List<long[]> anchors = new ArrayList<>();
        try (PreparedStatement ps =
            conn.prepareStatement(
                "SELECT t1, t2, start_ns, seq FROM calls WHERE "
                    + where
                    + " AND (start_ns < ? OR (start_ns = ? AND seq < ?))"
                    + " ORDER BY start_ns DESC, seq DESC LIMIT "
                    + PAGE)) {
          int i = 1;
          for (Object p : params) {
            ps.setObject(i++, p);
          }
          ps.setLong(i++, afterStart);
          ps.setLong(i++, afterStart);
          ps.setLong(i, afterSeq);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              anchors.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)});
            }
          }
        }
        if (anchors.isEmpty()) {
          break;
        }
        if (limit != null
            && kept.size() >= limit
            && anchors.get(0)[2] < kept.first().startEpochNanos()) {
          break;
        }
        List<long[]> fresh = new ArrayList<>();
        for (long[] a : anchors) {
          if (seenTraces.add(Ids.hex32(a[0], a[1]))) {
            fresh.add(a);
          }
        }
        for (Trace t : loadTraces(fresh, run)) {
          if (q.sinceEpochNanos() != null && t.startEpochNanos() < q.sinceEpochNanos()) {
            continue;
          }
          if (q.untilEpochNanos() != null && t.startEpochNanos() >= q.untilEpochNanos()) {
            continue;
          }
          List<Trace> sel = List.of(t);
          if (q.spanId() != null) {
            sel = TraceForest.selectSpan(sel, q.spanId());
          }
          if (q.tool() != null) {
            sel = TraceForest.selectTool(sel, q.tool());
          }
          if (!sel.isEmpty()) {
            kept.add(sel.get(0));
            if (limit != null && kept.size() > limit) {
              kept.pollFirst();
            }
          }
        }
        long[] last = anchors.get(anchors.size() - 1);
        afterStart = last[2];
        afterSeq = last[3];
        if (limit != null && limit == 0) {
          break;
        }
      }
      return new ArrayList<>(kept);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every selected trace in start order, one at a time: one query sorts the selected traces' calls
   * by (trace start, trace id) — DuckDB sorts out of core — and each trace's records are read back
   * from the queue when its last row has gone by. Memory: one trace.
   */
  @Override
  public void eachTrace(TraceQuery q, Consumer<Trace> sink) {
    if (q.limit() != null || q.spanId() != null) {
      traces(q).forEach(sink);
      return;
    }
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder("TRUE");
    if (q.runId() != null) {
      where.append(" AND c.run = ?");
      params.add(q.runId());
    }
    if (q.traceId() != null) {
      where.append(" AND c.t1 = ? AND c.t2 = ?");
      params.add(Ids.hi(q.traceId()));
      params.add(Ids.lo(q.traceId()));
    }
    StringBuilder having = new StringBuilder("TRUE");
    if (q.sinceEpochNanos() != null) {
      having.append(" AND ts >= ").append(q.sinceEpochNanos());
    }
    if (q.untilEpochNanos() != null) {
      having.append(" AND ts < ").append(q.untilEpochNanos());
    }
    String toolCond = "";
    if (q.tool() != null) {
      toolCond =
          " AND EXISTS (SELECT 1 FROM calls x WHERE x.t1 = c.t1 AND x.t2 = c.t2 AND x.tool = ?)";
    }
    String sql =
        "WITH tr AS (SELECT c.t1, c.t2, min(c.start_ns) FILTER (WHERE c.parent_seq IS NULL) AS ts"
            + " FROM calls c WHERE "
            + where
            + toolCond
            + " GROUP BY c.t1, c.t2 HAVING "
            + having
            + ") SELECT c.src, c.qidx, c.span, c.t1, c.t2 FROM calls c JOIN tr"
            + " ON c.t1 = tr.t1 AND c.t2 = tr.t2 WHERE "
            + where
            + " ORDER BY tr.ts, printf('%016x%016x', tr.t1, tr.t2), c.seq";
    List<Object> all = new ArrayList<>(params);
    if (q.tool() != null) {
      all.add(q.tool());
    }
    all.addAll(params);
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      int i = 1;
      for (Object p : all) {
        ps.setObject(i++, p);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<long[]> rows = new ArrayList<>();
        long t1 = 0;
        long t2 = 0;
        while (rs.next()) {
          long a = rs.getLong(4);
          long b = rs.getLong(5);
          if (!rows.isEmpty() && (a != t1 || b != t2)) {
            emit(rows, q, sink);
            rows.clear();
          }
          t1 = a;
          t2 = b;
          rows.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
        }
        if (!rows.isEmpty()) {
          emit(rows, q, sink);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void emit(List<long[]> rows, TraceQuery q, Consumer<Trace> sink) {
    List<Trace> built = TraceForest.build(CallFetch.fetch(docs, rows));
    if (q.tool() != null) {
      built = TraceForest.selectTool(built, q.tool());
    }
    built.forEach(sink);
  }

  /** The traces with these ids (t1, t2 in each array), each built from all its calls. */
  private List<Trace> loadTraces(List<long[]> ids, String run) throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    StringBuilder in = new StringBuilder();
    for (long[] a : ids) {
      in.append(in.length() == 0 ? "" : ",")
          .append("(")
          .append(a[0])
          .append(",")
          .append(a[1])
          .append(")");
    }
    List<long[]> rows = new ArrayList<>();
    try (Statement s = conn.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT src, qidx, span FROM calls WHERE (t1, t2) IN ("
                    + in
                    + ")"
                    + (run == null ? "" : " AND run = '" + run.replace("'", "") + "'")
                    + " ORDER BY seq")) {
      while (rs.next()) {
        rows.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
      }
    }
    return TraceForest.build(CallFetch.fetch(docs, rows));
  }

  // ---- lineage and impact ----

  @Override
  public GraphAnswer query(String target, String runId, boolean upstream) {
    try {
      return new GraphWalk(conn, docs, runId).answer(target, upstream);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- whole runs ----

  @Override
  public Recording headers() {
    Recording rec = new Recording();
    replayDocs("kind IN (2, 4)", recordingVisitor(rec, null));
    return rec;
  }

  @Override
  public Recording recording(String id) {
    Recording rec = new Recording();
    replayDocs(
        id == null ? "TRUE" : "run = '" + id.replace("'", "") + "'", recordingVisitor(rec, id));
    return rec;
  }

  private static RecordVisitor recordingVisitor(Recording rec, String run) {
    return new RecordVisitor() {
      @Override
      public void onRun(RunRecord r) {
        rec.addRun(r);
      }

      @Override
      public void onCall(CallRecord c) {
        if (run == null || c.runId().equals(run)) {
          rec.addCall(c);
        }
      }

      @Override
      public void onRunEnd(RunEndRecord e) {
        rec.addRunEnd(e);
      }

      @Override
      public void onChainLink(long queueIndex, String runId, ChainLink link) {
        rec.addChainLink(queueIndex, runId, link);
      }
    };
  }

  @Override
  public void replay(String runId, RecordVisitor visitor) {
    String cond =
        runId == null ? "TRUE" : "kind IN (2, 4) OR run = '" + runId.replace("'", "") + "'";
    replayDocs(
        cond,
        new RecordVisitor() {
          @Override
          public void onRun(RunRecord r) {
            visitor.onRun(r);
          }

          @Override
          public void onCall(CallRecord c) {
            if (runId == null || c.runId().equals(runId)) {
              visitor.onCall(c);
            }
          }

          @Override
          public void onSample(SampleRecord s) {
            if (runId == null || s.runId().equals(runId)) {
              visitor.onSample(s);
            }
          }

          @Override
          public void onRunEnd(RunEndRecord e) {
            visitor.onRunEnd(e);
          }

          @Override
          public void onChainLink(long queueIndex, String run, ChainLink link) {
            visitor.onChainLink(queueIndex, run, link);
          }
        });
  }

  /** Reads the documents matching {@code where} back from the queues, each call once. */
  private void replayDocs(String where, RecordVisitor visitor) {
    Set<String> spans = new HashSet<>();
    Set<String> runDocs = new LinkedHashSet<>();
    RecordVisitor once =
        new RecordVisitor() {
          @Override
          public void onRun(RunRecord r) {
            if (runDocs.add("run:" + r.runId())) {
              visitor.onRun(r);
            }
          }

          @Override
          public void onCall(CallRecord c) {
            if (spans.add(c.spanId())) {
              visitor.onCall(c);
            }
          }

          @Override
          public void onSample(SampleRecord s) {
            visitor.onSample(s);
          }

          @Override
          public void onRunEnd(RunEndRecord e) {
            visitor.onRunEnd(e);
          }

          @Override
          public void onChainLink(long queueIndex, String run, ChainLink link) {
            visitor.onChainLink(queueIndex, run, link);
          }

          @Override
          public void onCorrupt(
              long index, String file, dev.tooltrace.record.CorruptRecordException e) {}
        };
    try (Statement s = conn.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT DISTINCT src, qidx FROM docs WHERE " + where + " ORDER BY src, qidx")) {
      while (rs.next()) {
        docs.read(rs.getInt(1), rs.getLong(2), once);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<Table> exportTables(Path dir, String format, String runId) {
    try {
      return TableExport.export(conn, dir, format, runId);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot write the tables: "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
          e);
    }
  }

  @Override
  public void close() {
    docs.close();
    try {
      conn.close();
    } catch (SQLException e) {
      // nothing left to do
    }
  }
}
