/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import dev.tooltrace.cli.analysis.ProvenanceGraph;
import dev.tooltrace.cli.data.TableExporter.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the index's tables for other engines with DuckDB's own {@code COPY … TO} (Parquet or CSV),
 * streaming: the files can be far larger than memory. Ids become the hex strings the CLI prints (a
 * span id 16 digits, trace ids and content hashes 32), so the tables join with {@code show --json}
 * and with each other: {@code edges.producer_span_id = calls.span_id}.
 */
final class TableExport {
  private TableExport() {}

  private static String hex16(String col) {
    return "printf('%016x', " + col + ")";
  }

  private static String hex32(String hi, String lo) {
    return "CASE WHEN "
        + hi
        + " IS NULL THEN NULL ELSE printf('%016x%016x', "
        + hi
        + ", "
        + lo
        + ") END";
  }

  static String callsQuery(String runCond) {
    return "SELECT c.run AS run_id, "
        + hex32("c.t1", "c.t2")
        + " AS trace_id, "
        + hex16("c.span")
        + " AS span_id, CASE WHEN c.parent = 0 THEN NULL ELSE "
        + hex16("c.parent")
        + " END AS parent_span_id, c.tool, c.start_ns AS start_epoch_nanos,"
        + " c.end_ns AS end_epoch_nanos, c.end_ns - c.start_ns AS duration_nanos, c.error,"
        + " c.conf AS confidence, c.eff AS effective_confidence, "
        + hex32("c.rh1", "c.rh2")
        + " AS result_hash, s.dir AS queue, c.qidx AS queue_index"
        + " FROM calls c JOIN sources s ON s.src = c.src WHERE "
        + runCond
        + " ORDER BY c.seq";
  }

  static String valuesQuery(String runCond) {
    return "SELECT "
        + hex16("c.span")
        + " AS span_id, c.run AS run_id, v.pos AS position, v.name, "
        + hex32("v.h1", "v.h2")
        + " AS content_hash, v.linkable AS linkable_by_hash, CASE WHEN v.idp IS NULL THEN NULL"
        + " ELSE "
        + hex16("v.idp")
        + " END AS identity_producer_span_id FROM vals v JOIN calls c ON c.seq = v.seq"
        + " WHERE v.elem = -1 AND "
        + runCond
        + " ORDER BY v.seq, v.pos";
  }

  static String edgesQuery(String runCond, boolean withCrossing) {
    return "SELECT "
        + hex16("c.span")
        + " AS consumer_span_id, c.run AS consumer_run_id, e.pos AS position,"
        + " e.elem AS element, CASE WHEN e.pos < 0 THEN '"
        + ProvenanceGraph.RETURNED
        + "' ELSE v.name END AS role, "
        + hex16("p.span")
        + " AS producer_span_id, p.run AS producer_run_id, e.link,"
        + " CASE WHEN e.link = 'crossing runs' THEN NULL WHEN e.pel THEN v.le ELSE v.lw END"
        + " AS element_link, e.link <> 'identity' AND v.partial AS probable,"
        + " p.run <> c.run AS crossing_runs"
        + " FROM edges e JOIN calls c ON c.seq = e.seq JOIN calls p ON p.seq = e.pseq"
        + " LEFT JOIN vals v ON v.seq = e.seq AND v.pos = e.pos AND v.elem = e.elem WHERE "
        + runCond
        + (withCrossing ? "" : " AND e.link <> 'crossing runs'")
        + " ORDER BY e.seq, e.pos < 0, e.pos, e.elem";
  }

  /** Writes the three tables into {@code dir}; {@code runId} null for every run. */
  static List<Table> export(Connection conn, Path dir, String format, String runId)
      throws SQLException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    String cond = runId == null ? "TRUE" : "c.run = '" + runId.replace("'", "''") + "'";
    List<Table> out = new ArrayList<>();
    out.add(write(conn, dir, "calls", format, callsQuery(cond)));
    out.add(write(conn, dir, "values", format, valuesQuery(cond)));
    out.add(write(conn, dir, "edges", format, edgesQuery(cond, runId == null)));
    return out;
  }

  private static Table write(Connection conn, Path dir, String name, String format, String query)
      throws SQLException {
    Path file = dir.resolve(name + "." + format).toAbsolutePath();
    String options =
        format.equals("parquet") ? "(FORMAT PARQUET, COMPRESSION ZSTD)" : "(FORMAT CSV, HEADER)";
    String target = file.toString().replace("'", "''");
    Sql.exec(conn, "COPY (" + query + ") TO '" + target + "' " + options);
    long rows = Sql.count(conn, "SELECT count(*) FROM (" + query + ")");
    return new Table(name, file, rows);
  }
}
