/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static dev.tooltrace.cli.TestQueue.call;
import static dev.tooltrace.cli.TestQueue.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tooltrace.cli.TestQueue.V;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShowStatsTest {
  static final ObjectMapper M = new ObjectMapper();

  @TempDir Path dir;

  /** Two traces: a 3-level tree on main (batch written child-first) and a failing call. */
  private void writeTrees() {
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(
          1,
          "main",
          call(0x3, 0x2, "tokenize", 2, 1)
              .arg("text", V.str("hello world"))
              .returns(V.str("hello|world")),
          call(0x2, 0x1, "parse", 1, 3).arg("text", V.str("hello world")).returns(V.str("doc")),
          call(0x4, 0x1, "score", 5, 2)
              .confidence(0.75)
              .arg("doc", V.str("doc"))
              .returns(V.str("0.75")),
          call(0x1, 0, "pipeline", 0, 10).arg("text", V.str("hello world")).returns(V.str("0.75")));
      q.batch(
          2,
          "worker",
          call(0x9, 0, "enrich", 20, 4)
              .trace(2)
              .arg("doc", V.str("doc"))
              .fails("java.lang.IllegalStateException", "lookup service down"));
    }
  }

  @Test
  void showPrintsTreesWithIndentationDurationsErrorsAndConfidence() {
    writeTrees();
    Cli.Result r = Cli.run("show", "--dir", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    List<String> lines = new ArrayList<>(List.of(r.out().split("\n")));
    lines.removeIf(String::isBlank);
    assertTrue(lines.get(0).startsWith("trace aaaa000000000001bbbb000000000001"), lines.get(0));
    assertTrue(lines.get(1).startsWith("└─ pipeline  10.0 ms"), lines.get(1));
    assertTrue(lines.get(2).startsWith("   ├─ parse  3.00 ms"), lines.get(2));
    assertTrue(lines.get(3).startsWith("   │  └─ tokenize  1.00 ms"), lines.get(3));
    assertTrue(lines.get(4).startsWith("   └─ score  2.00 ms  conf 0.75"), lines.get(4));
    assertTrue(lines.get(2).contains("span " + span(0x2)), lines.get(2));
    assertTrue(lines.get(2).contains("(text=hello world) → doc"), lines.get(2));
    assertTrue(lines.get(5).startsWith("trace aaaa0000000000010000000000000002"), lines.get(5));
    assertTrue(
        lines.get(6).contains("✗ java.lang.IllegalStateException: lookup service down"),
        lines.get(6));
    assertEquals(7, lines.size(), r.out());
  }

  @Test
  void showJsonIsValidAndNested() throws Exception {
    writeTrees();
    Cli.Result r = Cli.run("show", "--dir", dir.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode traces = M.readTree(r.out()).get("traces");
    assertEquals(2, traces.size());
    JsonNode root = traces.get(0).get("roots").get(0);
    assertEquals("pipeline", root.get("tool").asText());
    assertEquals(2, root.get("children").size());
    assertEquals("parse", root.get("children").get(0).get("tool").asText());
    assertEquals(
        "tokenize", root.get("children").get(0).get("children").get(0).get("tool").asText());
    assertEquals(0.75, root.get("children").get(1).get("confidence").asDouble());
    JsonNode failed = traces.get(1).get("roots").get(0);
    assertEquals("error", failed.get("outcome").asText());
    assertEquals("java.lang.IllegalStateException", failed.get("error").get("type").asText());
  }

  @Test
  void showFilters() throws Exception {
    writeTrees();
    Cli.Result byTool = Cli.run("show", "--dir", dir.toString(), "--tool", "parse", "--json");
    JsonNode t = M.readTree(byTool.out()).get("traces");
    assertEquals(1, t.size());
    assertEquals("parse", t.get(0).get("roots").get(0).get("tool").asText());
    assertEquals(1, t.get(0).get("roots").get(0).get("children").size());

    Cli.Result limited = Cli.run("show", "--dir", dir.toString(), "--limit", "1", "--json");
    JsonNode l = M.readTree(limited.out()).get("traces");
    assertEquals(1, l.size());
    assertEquals("enrich", l.get(0).get("roots").get(0).get("tool").asText(), "the most recent");

    long since = (TestQueue.T0 + 15 * TestQueue.MS) / 1_000_000; // epoch millis
    Cli.Result after =
        Cli.run("show", "--dir", dir.toString(), "--since", Long.toString(since), "--json");
    assertEquals(1, M.readTree(after.out()).get("traces").size());
    Cli.Result before =
        Cli.run("show", "--dir", dir.toString(), "--until", "2025-11-24T16:00:00.015Z", "--json");
    JsonNode b = M.readTree(before.out()).get("traces");
    assertEquals(1, b.size());
    assertEquals("pipeline", b.get(0).get("roots").get(0).get("tool").asText());

    Cli.Result run = Cli.run("show", "--dir", dir.toString(), "--run", "11112222", "--json");
    assertEquals(2, M.readTree(run.out()).get("traces").size());
    Cli.Result noRun = Cli.run("show", "--dir", dir.toString(), "--run", "ffff");
    assertEquals(1, noRun.code());
    assertTrue(noRun.err().startsWith("tooltrace: no run ffff"), noRun.err());
  }

  @Test
  void callWhoseParentWasNotRecordedIsShownAsMarkedRoot() {
    try (TestQueue q = new TestQueue(dir)) {
      q.batch(1, "main", call(0x5, 0x77, "orphan", 0, 1));
    }
    Cli.Result r = Cli.run("show", "--dir", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("(parent " + span(0x77) + " not recorded)"), r.out());
  }

  @Test
  void statsPercentilesErrorsAndThroughputOnKnownDurations() throws Exception {
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      // 100 calls of 1..100 ms, started every 100 ms: window = 99 * 100 + 100 ms = 10 s.
      for (int i = 1; i <= 100; i++) {
        TestQueue.Call c = call(i, 0, "work", (i - 1) * 100L, i);
        if (i % 10 == 0) {
          c.fails("java.io.IOException", "disk");
        }
        q.batch(1, "main", c);
      }
      q.batch(1, "main", call(1000, 0, "other", 20_000, 5).confidence(0.5));
    }
    Cli.Result r = Cli.run("stats", "--dir", dir.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode root = M.readTree(r.out());
    JsonNode work = root.get("tools").get(1);
    assertEquals("work", work.get("tool").asText());
    assertEquals(100, work.get("calls").asLong());
    assertEquals(10, work.get("errors").asLong());
    assertEquals(0.9, work.get("successRate").asDouble(), 1e-12);
    assertEquals(0.1, work.get("failureRate").asDouble(), 1e-12);
    assertEquals(50.0, work.get("p50Ms").asDouble(), 1e-9);
    assertEquals(95.0, work.get("p95Ms").asDouble(), 1e-9);
    assertEquals(99.0, work.get("p99Ms").asDouble(), 1e-9);
    assertEquals(10.0, work.get("windowSeconds").asDouble(), 1e-9);
    assertEquals(10.0, work.get("throughputPerSecond").asDouble(), 1e-9);
    JsonNode other = root.get("tools").get(0);
    assertEquals(0.5, other.get("meanConfidence").asDouble(), 1e-12);
    JsonNode run = root.get("runs").get(0);
    assertEquals(TestQueue.RUN, run.get("runId").asText());
    assertEquals(101, run.get("total").get("calls").asLong());
    assertEquals(10, run.get("total").get("errors").asLong());
    assertEquals(2, run.get("tools").size());

    Cli.Result text = Cli.run("stats", "--dir", dir.toString());
    assertEquals(0, text.code(), text.err());
    String workRow =
        text.out().lines().filter(l -> l.startsWith("work ")).findFirst().orElseThrow();
    assertTrue(
        workRow.matches(
            "work\\s+100\\s+10\\s+90\\.0%\\s+50\\.0 ms\\s+95\\.0 ms\\s+99\\.0 ms\\s+10\\.00\\s+-"),
        workRow);
    assertTrue(
        text.out().contains("run " + TestQueue.RUN + ": 101 calls, 10 errors, success 90.1%"),
        text.out());
  }
}
