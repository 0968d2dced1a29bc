/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import dev.tooltrace.cli.QueueLoader;
import dev.tooltrace.cli.RunCatalog;
import dev.tooltrace.cli.analysis.CallGroup;
import dev.tooltrace.cli.analysis.ValueLinking;
import dev.tooltrace.cli.data.Timing;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.CorruptRecordException;
import dev.tooltrace.record.QueueReader;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunEndRecord;
import dev.tooltrace.record.RunRecord;
import dev.tooltrace.record.SampleRecord;
import dev.tooltrace.record.SealRecord;
import dev.tooltrace.record.UnsupportedVersionException;
import dev.tooltrace.record.ValueRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.openhft.chronicle.queue.ExcerptTailer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Reads what the queues gained since the last time into the index, {@value #CHUNK_DOCS} documents
 * per transaction. Each queue's position (the index's own tailer, kept in {@code sources}) is
 * committed with the rows it covers, so an interrupted build resumes where it stopped and never
 * counts a document twice. Calls are staged, then merged keeping the first row of each span id (a
 * run held by two directories, e.g. a queue and its backup, is indexed once).
 */
final class Ingest {
  static final int CHUNK_DOCS = 200_000;

  /** Thrown when a queue no longer holds what the index read from it (files deleted, replaced). */
  static final class QueueChanged extends Exception {
    QueueChanged(String message) {
      super(message);
    }
  }

  private final Connection conn;
  private final PrintWriter err;
  private long nextSeq;

  Ingest(Connection conn, PrintWriter err) throws SQLException {
    this.conn = conn;
    this.err = err;
    this.nextSeq = Long.parseLong(Sql.meta(conn, "next_seq"));
  }

  /** Brings every queue up to date; returns how many calls were added. */
  long run(List<Path> queues) throws SQLException, QueueChanged {
    long added = 0;
    for (int src = 0; src < queues.size(); src++) {
      added += source(src, queues.get(src));
    }
    return added;
  }

  private long source(int src, Path dir) throws SQLException, QueueChanged {
    long[] pos = position(src, dir);
    // Taken before reading: whatever is appended while reading changes it again.
    QueueFingerprint fingerprint = QueueFingerprint.of(dir);
    if (pos[1] >= 0 && fingerprint.unchangedSince(storedFingerprint(src))) {
      return 0;
    }
    long added = 0;
    try (QueueReader reader = QueueReader.open(dir)) {
      Timing.mark("source " + src + " queue opened");
      ExcerptTailer tailer = reader.queue().createTailer();
      long first = reader.queue().firstIndex();
      if (pos[0] != Long.MIN_VALUE && first != Long.MAX_VALUE && first > pos[0]) {
        throw new QueueChanged(dir + " no longer holds its oldest documents (retention?)");
      }
      if (pos[1] >= 0) {
        if (!tailer.moveToIndex(pos[1])) {
          throw new QueueChanged(dir + " no longer holds the document the index read last");
        }
        LastDocument last = new LastDocument();
        reader.readFrom(tailer, last, 1);
        String stored = lastSignature(src);
        if (stored != null && !stored.equals(last.signature)) {
          throw new QueueChanged(
              dir + " was replaced: the document the index read last is not there any more");
        }
      } else {
        tailer.toStart();
      }
      while (true) {
        Chunk chunk = new Chunk(src, dir);
        long docs;
        long unsupportedBefore = reader.unsupportedDocuments();
        try (chunk) {
          docs = reader.readFrom(tailer, chunk, CHUNK_DOCS);
        }
        // Documents of an unknown version after the first are skipped without a call: counted.
        chunk.unreadable += reader.unsupportedDocuments() - unsupportedBefore - chunk.versionsSeen;
        if (chunk.lastIndex < 0) {
          break;
        }
        added += commit(src, chunk, pos[0] == Long.MIN_VALUE ? chunk.firstIndex : pos[0]);
        pos[0] = pos[0] == Long.MIN_VALUE ? chunk.firstIndex : pos[0];
        if (docs < CHUNK_DOCS) {
          break;
        }
      }
    }
    try (PreparedStatement ps =
        conn.prepareStatement("UPDATE sources SET fingerprint = ? WHERE src = ?")) {
      ps.setString(1, fingerprint.toStore());
      ps.setInt(2, src);
      ps.executeUpdate();
    }
    return added;
  }

  private String lastSignature(int src) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT last_sig FROM sources WHERE src = ?")) {
      ps.setInt(1, src);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * What identifies a document (its type, run and first record), so that a resumed build can tell
   * that the document at its stored position is still the one it read: a queue restored over
   * another can hold a different document at the same index.
   */
  static String signature(int kind, String run, long detail) {
    return kind + ":" + run + ":" + detail;
  }

  /** Reads the signature of one document. */
  private static final class LastDocument implements RecordVisitor {
    String signature = "corrupt";
    private boolean seen;

    private void sign(int kind, String run, long detail) {
      if (!seen) {
        seen = true;
        signature = signature(kind, run, detail);
      }
    }

    @Override
    public void onRun(RunRecord r) {
      sign(2, r.runId(), r.startEpochNanos());
    }

    @Override
    public void onCall(CallRecord c) {
      sign(1, c.runId(), Ids.span(c.spanId()));
    }

    @Override
    public void onSample(SampleRecord s) {
      sign(3, s.runId(), s.epochNanos());
    }

    @Override
    public void onRunEnd(RunEndRecord e) {
      sign(4, e.runId(), e.endEpochNanos());
    }

    @Override
    public void onSeal(SealRecord s) {
      sign(5, s.runId(), s.epochNanos());
    }

    @Override
    public void onCorrupt(long index, String file, CorruptRecordException e) {
      // "corrupt": a document that could not be read then cannot be read now either
    }
  }

  private String storedFingerprint(int src) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT fingerprint FROM sources WHERE src = ?")) {
      ps.setInt(1, src);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** {first_qidx, last_qidx} of a source; registers it when new. */
  private long[] position(int src, Path dir) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT first_qidx, last_qidx FROM sources WHERE src = ?")) {
      ps.setInt(1, src);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          long f = rs.getLong(1);
          return new long[] {rs.wasNull() ? Long.MIN_VALUE : f, rs.getLong(2)};
        }
      }
    }
    try (PreparedStatement ps =
        conn.prepareStatement("INSERT INTO sources VALUES (?, ?, NULL, -1, NULL, NULL, 0)")) {
      ps.setInt(1, src);
      ps.setString(2, dir.toString());
      ps.executeUpdate();
    }
    return new long[] {Long.MIN_VALUE, -1};
  }

  private long commit(int src, Chunk chunk, long firstIndex) throws SQLException {
    conn.setAutoCommit(false);
    try (Statement s = conn.createStatement()) {
      long staged = chunk.calls();
      s.execute(
          "INSERT INTO calls SELECT st.*, NULL, 1.0 FROM stage_calls st"
              + " WHERE NOT EXISTS (SELECT 1 FROM calls c WHERE c.span = st.span)"
              + " QUALIFY row_number() OVER (PARTITION BY st.span ORDER BY st.seq) = 1");
      long inserted = Sql.count(conn, "SELECT count(*) FROM calls WHERE seq >= " + chunk.firstSeq);
      s.execute(
          "INSERT INTO vals SELECT v.* FROM stage_vals v"
              + " WHERE v.seq IN (SELECT seq FROM calls WHERE seq >= "
              + chunk.firstSeq
              + ")");
      for (Map.Entry<String, long[]> r : chunk.runsSeen.entrySet()) {
        try (PreparedStatement ps =
            conn.prepareStatement(
                "INSERT INTO run_order SELECT ?, ?, ? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM run_order WHERE run = ?)")) {
          ps.setString(1, r.getKey());
          ps.setInt(2, src);
          ps.setLong(3, r.getValue()[0]);
          ps.setString(4, r.getKey());
          ps.executeUpdate();
        }
      }
      s.execute(
          "INSERT INTO costs SELECT k.* FROM stage_costs k"
              + " WHERE k.seq IN (SELECT seq FROM calls WHERE seq >= "
              + chunk.firstSeq
              + ")");
      s.execute("DELETE FROM stage_calls");
      s.execute("DELETE FROM stage_vals");
      s.execute("DELETE FROM stage_costs");
      if (inserted == staged) {
        chunk.stats.forEach((key, g) -> mergeStats(key, g));
      } else {
        recomputeStats(chunk.firstSeq);
      }
      try (PreparedStatement ps =
          conn.prepareStatement(
              "UPDATE sources SET first_qidx = ?, last_qidx = ?, last_sig = ?,"
                  + " unreadable = unreadable + ? WHERE src = ?")) {
        ps.setLong(1, firstIndex);
        ps.setLong(2, chunk.lastIndex);
        ps.setString(3, chunk.lastSignature);
        ps.setLong(4, chunk.unreadable);
        ps.setInt(5, src);
        ps.executeUpdate();
      }
      for (Object[] u : chunk.unreadableLines) {
        try (PreparedStatement ps =
            conn.prepareStatement(
                "INSERT INTO unreadable SELECT ?, ?, ?, ? WHERE ? = 'corrupt' OR NOT EXISTS"
                    + " (SELECT 1 FROM unreadable WHERE src = ? AND kind = ?)")) {
          ps.setInt(1, src);
          ps.setLong(2, (Long) u[0]);
          ps.setString(3, (String) u[1]);
          ps.setString(4, (String) u[2]);
          ps.setString(5, (String) u[1]);
          ps.setInt(6, src);
          ps.setString(7, (String) u[1]);
          ps.executeUpdate();
        }
      }
      Sql.setMeta(conn, "next_seq", Long.toString(nextSeq));
      conn.commit();
      return inserted;
    } catch (SQLException | RuntimeException e) {
      conn.rollback();
      throw e;
    } finally {
      conn.setAutoCommit(true);
    }
  }

  private void mergeStats(String key, CallGroup g) {
    int cut = key.indexOf('\u0000');
    String run = key.substring(0, cut);
    try {
      CallGroup merged = new CallGroup(g.name());
      try (PreparedStatement ps =
          conn.prepareStatement("SELECT stats FROM tool_stats WHERE run = ? AND tool = ?")) {
        ps.setString(1, run);
        ps.setString(2, g.name());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            merged.addAll(CallGroup.fromBytes(g.name(), rs.getBytes(1)));
          }
        }
      }
      merged.addAll(g);
      try (PreparedStatement ps =
          conn.prepareStatement("DELETE FROM tool_stats WHERE run = ? AND tool = ?")) {
        ps.setString(1, run);
        ps.setString(2, g.name());
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          conn.prepareStatement("INSERT INTO tool_stats VALUES (?, ?, ?)")) {
        ps.setString(1, run);
        ps.setString(2, g.name());
        ps.setBytes(3, merged.toBytes());
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** After duplicates were dropped: the statistics of the runs touched, from the calls kept. */
  private void recomputeStats(long fromSeq) throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute(
          "DELETE FROM tool_stats WHERE run IN (SELECT DISTINCT run FROM calls WHERE seq >= "
              + fromSeq
              + ")");
    }
    Map<String, CallGroup> groups = new HashMap<>();
    try (Statement s = conn.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT c.run, c.tool, c.start_ns, c.end_ns, c.error, c.conf, k.cpu, k.alloc,"
                    + " k.self_cpu, k.self_alloc FROM calls c LEFT JOIN costs k ON k.seq = c.seq"
                    + " WHERE c.run IN (SELECT DISTINCT run FROM calls WHERE seq >= "
                    + fromSeq
                    + ") ORDER BY c.seq")) {
      while (rs.next()) {
        String run = rs.getString(1);
        String tool = rs.getString(2);
        double conf = rs.getDouble(6);
        Double c = rs.wasNull() ? null : conf;
        long start = rs.getLong(3);
        CallGroup g = groups.computeIfAbsent(run + '\u0000' + tool, k -> new CallGroup(tool));
        g.add(start, rs.getLong(4) - start, rs.getBoolean(5), c);
        long cpu = rs.getLong(7);
        if (!rs.wasNull()) {
          g.addCost(cpu, rs.getLong(8), rs.getLong(9), rs.getLong(10));
        }
      }
    }
    groups.forEach(this::mergeStats);
  }

  /** One transaction's worth of documents, appended to the staging tables as they are read. */
  private final class Chunk implements RecordVisitor, AutoCloseable {
    final int src;
    final long firstSeq = nextSeq;
    final Map<String, CallGroup> stats = new HashMap<>();

    /** Each run met in this chunk and its first document's position (LinkedHashMap: in order). */
    final Map<String, long[]> runsSeen = new java.util.LinkedHashMap<>();

    final DuckDBAppender calls;
    final DuckDBAppender vals;
    final DuckDBAppender costs;
    final DuckDBAppender docs;
    final DuckDBAppender runs;
    long firstIndex = Long.MIN_VALUE;
    long lastIndex = -1;
    long lastDoc = Long.MIN_VALUE;
    String lastSignature;
    final Path dir;
    long unreadable;
    long versionsSeen;
    final List<Object[]> unreadableLines = new ArrayList<>();
    long callsCount;

    Chunk(int src, Path dir) throws SQLException {
      this.src = src;
      this.dir = dir;
      DuckDBConnection d = conn.unwrap(DuckDBConnection.class);
      try (Statement s = conn.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS stage_calls(" + Schema.CALL_COLUMNS + ")");
        s.execute("CREATE TABLE IF NOT EXISTS stage_vals(" + Schema.VAL_COLUMNS + ")");
        s.execute("CREATE TABLE IF NOT EXISTS stage_costs(" + Schema.COST_COLUMNS + ")");
      }
      calls = d.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "stage_calls");
      vals = d.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "stage_vals");
      costs = d.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "stage_costs");
      docs = d.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "docs");
      runs = d.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "runs");
    }

    long calls() {
      return callsCount;
    }

    private void doc(long qidx, String run, int kind, long detail) {
      doc(qidx, run, kind, detail, true);
    }

    /** A document; {@code names} whether it names a run for the run list (a seal does not). */
    private void doc(long qidx, String run, int kind, long detail, boolean names) {
      if (firstIndex == Long.MIN_VALUE) {
        firstIndex = qidx;
      }
      lastIndex = Math.max(lastIndex, qidx);
      if (qidx == lastDoc) {
        return;
      }
      lastDoc = qidx;
      lastSignature = signature(kind, run, detail);
      if (names) {
        runsSeen.putIfAbsent(run, new long[] {qidx});
      }
      try {
        docs.beginRow().append(src).append(qidx).append(run).append((byte) kind).endRow();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void onRun(RunRecord r) {
      doc(r.queueIndex(), r.runId(), 2, r.startEpochNanos());
      try {
        runs.beginRow()
            .append(r.runId())
            .append(src)
            .append(r.queueIndex())
            .append(r.startEpochNanos())
            .append(nextSeq)
            .append(RunCatalog.runName(r))
            .endRow();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void onSample(SampleRecord s) {
      doc(s.queueIndex(), s.runId(), 3, s.epochNanos());
    }

    @Override
    public void onRunEnd(RunEndRecord e) {
      doc(e.queueIndex(), e.runId(), 4, e.endEpochNanos());
    }

    /** Kept in {@code docs} so that a run read back ends with its seals: its chain head. */
    @Override
    public void onSeal(SealRecord s) {
      doc(s.queueIndex(), s.runId(), 5, s.epochNanos(), false);
    }

    @Override
    public void onUnsupportedVersion(long index, String file, UnsupportedVersionException e) {
      versionsSeen++;
      unreadable(
          index,
          "version:" + (e.version() & 0xFF),
          QueueLoader.skippedVersion(dir, index, file, e.getMessage()));
    }

    @Override
    public void onCorrupt(long index, String file, CorruptRecordException e) {
      unreadable(index, "corrupt", QueueLoader.skipped(dir, index, file, e.getMessage()));
    }

    /** An unreadable document: kept with the line every later command prints for it. */
    private void unreadable(long index, String kind, String line) {
      unreadable++;
      unreadableLines.add(new Object[] {index, kind, line});
      if (firstIndex == Long.MIN_VALUE) {
        firstIndex = index;
      }
      lastIndex = Math.max(lastIndex, index);
      lastDoc = index;
      lastSignature = "corrupt";
    }

    @Override
    public void onCall(CallRecord c) {
      doc(c.queueIndex(), c.runId(), 1, Ids.span(c.spanId()));
      long seq = nextSeq++;
      callsCount++;
      try {
        ValueRecord r = c.result();
        boolean hasOut = !c.error() && ValueLinking.isNode(r);
        String rh = r == null ? null : r.hash();
        calls
            .beginRow()
            .append(seq)
            .append(src)
            .append(c.queueIndex())
            .append(c.runId())
            .append(Ids.hi(c.traceId()))
            .append(Ids.lo(c.traceId()))
            .append(Ids.span(c.spanId()))
            .append(Ids.span(c.parentSpanId()))
            .append(c.tool())
            .append(c.startEpochNanos())
            .append(c.endEpochNanos())
            .append(c.error());
        if (c.confidence() == null) {
          calls.appendNull();
        } else {
          calls.append(c.confidence().doubleValue());
        }
        hash(calls, rh);
        calls.append(hasOut).append(hasOut && ValueLinking.linkableByHash(r)).endRow();
        refs(seq, c, r);
        if (c.hasCost()) {
          costs
              .beginRow()
              .append(seq)
              .append(c.cpuNanos())
              .append(c.allocatedBytes())
              .append(c.selfCpuNanos())
              .append(c.selfAllocatedBytes())
              .endRow();
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      stats.computeIfAbsent(c.runId() + '\u0000' + c.tool(), k -> new CallGroup(c.tool())).add(c);
    }

    /**
     * One {@code vals} row per reference {@link ValueLinking#inputs} gives (the rule in one place):
     * whole values keep their hash even when the rule does not link by it (it names {@code in:} and
     * {@code arg:} nodes and finds values by hash); the rows that are {@link ValueLinking#outputs}
     * are marked as such.
     */
    private void refs(long seq, CallRecord c, ValueRecord r) throws SQLException {
      Set<Integer> outs = new HashSet<>();
      for (ValueLinking.Output o : ValueLinking.outputs(c)) {
        outs.add(o.element());
      }
      List<ValueRecord> args = c.args();
      for (ValueLinking.Ref ref : ValueLinking.inputs(c)) {
        ValueRecord v = ref.returned() ? r : args.get(ref.arg());
        boolean whole = ref.element() < 0;
        vals.beginRow().append(seq).append(ref.arg()).append(ref.element()).append(ref.role());
        hash(vals, whole ? v.hash() : ref.hash());
        vals.append(ref.hash() != null).append(ref.partial());
        if (ref.producerSpanId() != null) {
          vals.append(Ids.span(ref.producerSpanId()));
        } else {
          vals.appendNull();
        }
        vals.append(ref.producerIsElement());
        vals.append(ref.returned() && ref.hash() != null && outs.remove(ref.element()));
        text(vals, ValueLinking.link(ref, false));
        text(vals, ValueLinking.link(ref, true));
        text(vals, whole && !ref.returned() ? ElementShape.of(v) : null);
        vals.endRow();
      }
      if (!outs.isEmpty()) {
        throw new IllegalStateException(
            "outputs of span " + c.spanId() + " without a reference: " + outs);
      }
    }

    private void text(DuckDBAppender a, String s) throws SQLException {
      if (s == null) {
        a.appendNull();
      } else {
        a.append(s);
      }
    }

    private void hash(DuckDBAppender a, String h) throws SQLException {
      if (h == null || h.length() != 32) {
        a.appendNull().appendNull();
      } else {
        a.append(Ids.hi(h)).append(Ids.lo(h));
      }
    }

    @Override
    public void close() throws SQLException {
      calls.close();
      vals.close();
      costs.close();
      docs.close();
      runs.close();
    }
  }
}
