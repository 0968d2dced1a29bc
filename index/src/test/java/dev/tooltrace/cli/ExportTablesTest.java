/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export-tables} writes calls, values and lineage edges as Parquet; the files are read back
 * with a separate reader (a fresh in-memory DuckDB, {@code read_parquet}, which knows nothing of
 * the index) and must hold every call and value of the queue, and edges whose join with the calls
 * gives, for every call, exactly the producers {@code lineage --json} (a full read of the queue)
 * names.
 */
class ExportTablesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static Connection reader() throws Exception {
    return DriverManager.getConnection("jdbc:duckdb:");
  }

  private static List<String> column(Connection c, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static String pq(Path dir, String table) {
    return "read_parquet('" + dir.resolve(table + ".parquet") + "')";
  }

  @Test
  void parquetTablesHoldEveryCallValueAndTheLineageEdges() throws Exception {
    Path q = IndexTestQueues.pipeline(tmp.resolve("q"));
    Path out = tmp.resolve("tables");
    Cli.Result r =
        Cli.run(
            "export-tables",
            "--dir",
            q.toString(),
            "--index",
            tmp.resolve("idx").toString(),
            "--to",
            out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(
        List.of(
            "calls: 12 rows in " + out.resolve("calls.parquet").toAbsolutePath(),
            "values: 26 rows in " + out.resolve("values.parquet").toAbsolutePath(),
            "edges: 13 rows in " + out.resolve("edges.parquet").toAbsolutePath()),
        r.out().lines().toList());

    try (Connection c = reader()) {
      assertEquals(List.of("12"), column(c, "SELECT count(*) FROM " + pq(out, "calls")));
      assertEquals(List.of("26"), column(c, "SELECT count(*) FROM " + pq(out, "values")));
      assertEquals(List.of("13"), column(c, "SELECT count(*) FROM " + pq(out, "edges")));
      // Every span of the queue, as show prints them.
      Set<String> spans = new TreeSet<>();
      for (long s = 0x10; s <= 0x19; s++) {
        spans.add(TestQueue.span(s));
      }
      spans.add(TestQueue.span(0x20));
      spans.add(TestQueue.span(0x21));
      assertEquals(spans, new TreeSet<>(column(c, "SELECT span_id FROM " + pq(out, "calls"))));

      // The lineage join: each call's producers, by joining edges with calls.
      TreeMap<String, Set<String>> joined = new TreeMap<>();
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT e.consumer_span_id, p.span_id, p.tool, e.crossing_runs FROM "
                      + pq(out, "edges")
                      + " e JOIN "
                      + pq(out, "calls")
                      + " p ON p.span_id = e.producer_span_id")) {
        while (rs.next()) {
          joined.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
          if (rs.getString(1).equals(TestQueue.span(0x20))) {
            assertEquals("merge", rs.getString(3));
            assertTrue(rs.getBoolean(4), "consume (run 2) used merge's value (run 1)");
          }
        }
      }
      for (String span : spans) {
        Cli.Result l = Cli.run("lineage", span, "--dir", q.toString(), "--no-index", "--json");
        assertEquals(0, l.code(), l.err());
        Set<String> producers = new TreeSet<>();
        for (JsonNode e : JSON.readTree(l.out()).get("edges")) {
          String from = e.get("from").asText();
          if (e.get("to").asText().equals(span) && from.startsWith("out:")) {
            producers.add(from.substring(4));
          }
        }
        assertEquals(producers, joined.getOrDefault(span, Set.of()), "producers of " + span);
      }
    }
  }

  @Test
  void csvAndOneRunAndBadArguments() throws Exception {
    Path q = IndexTestQueues.pipeline(tmp.resolve("q"));
    Path idx = tmp.resolve("idx");
    Path out = tmp.resolve("csv");
    Cli.Result r =
        Cli.run(
            "export-tables",
            "--dir",
            q.toString(),
            "--index",
            idx.toString(),
            "--to",
            out.toString(),
            "--format",
            "csv",
            "--run",
            "0000000000000099");
    assertEquals(0, r.code(), r.err());
    List<String> edges = Files.readAllLines(out.resolve("edges.csv"));
    assertEquals(
        "consumer_span_id,consumer_run_id,position,element,role,producer_span_id,producer_run_id,"
            + "link,element_link,probable,crossing_runs",
        edges.get(0));
    assertEquals(1, edges.size(), "--run keeps links inside the run: run 2 has none: " + edges);
    assertEquals(3, Files.readAllLines(out.resolve("calls.csv")).size(), "header and two calls");

    Cli.Result bad =
        Cli.run("export-tables", "--dir", q.toString(), "--to", out.toString(), "--format", "orc");
    assertEquals(ExitCodes.USAGE, bad.code());
    assertEquals("tooltrace: --format orc is not one of parquet, csv\n", bad.err());
    Cli.Result noIndex =
        Cli.run("export-tables", "--dir", q.toString(), "--to", out.toString(), "--no-index");
    assertEquals(ExitCodes.USAGE, noIndex.code());
    assertEquals(1, noIndex.err().lines().count(), noIndex.err());
  }
}
