/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static dev.tooltrace.cli.TestQueue.MS;
import static dev.tooltrace.cli.TestQueue.T0;
import static dev.tooltrace.cli.TestQueue.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tooltrace.cli.render.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code capture.cost} recorded, as {@code show} and {@code stats} print it. */
class CostOutputTest {
  @TempDir Path tmp;

  /**
   * Ten measured "parse" calls costing 1..10 ms of CPU and 1..10 MiB, each inside a measured "job"
   * (its self cost 1 ms, 1 MiB); one "plain" call not measured.
   */
  private Path queue() {
    Path dir = tmp.resolve("q");
    try (TestQueue q = new TestQueue(dir)) {
      q.run(T0);
      for (int i = 1; i <= 10; i++) {
        long child = i * MS;
        long mib = i * (1L << 20);
        q.batch(
            1,
            "main",
            call(100 + i, 200 + i, "parse", i * 100, 20).cost(child, child, mib, mib),
            call(200 + i, 0, "job", i * 100, 30).cost(child + MS, MS, mib + (1L << 20), 1L << 20));
      }
      q.batch(1, "main", call(300, 0, "plain", 2000, 5));
      q.runEnd(T0 + 3000 * MS);
    }
    return dir;
  }

  @Test
  void showPrintsEachCallsCostAndItsSelfPart() throws Exception {
    Path dir = queue();
    Cli.Result r = Cli.run("show", "--dir", dir.toString(), "--tool", "job");
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out()
            .contains("job  30.0 ms  cpu 11.0 ms (self 1.00 ms)  alloc 11.0 MiB (self 1.00 MiB)"),
        r.out());
    assertTrue(r.out().contains("parse  20.0 ms  cpu 10.0 ms  alloc 10.0 MiB  span"), r.out());
    JsonNode j = Json.MAPPER.readTree(Cli.run("show", "--dir", dir.toString(), "--json").out());
    JsonNode job = j.get("traces").get(0).get("roots").get(0);
    assertEquals(2_000_000, job.get("cost").get("cpuNanos").asLong());
    assertEquals(1 << 20, job.get("cost").get("selfAllocatedBytes").asLong());
  }

  @Test
  void statsGivesTotalsAndPercentilesPerToolAndOnlyForMeasuredTools() throws Exception {
    Path dir = queue();
    Cli.Result r = Cli.run("stats", "--dir", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("cost (capture.cost;"), r.out());
    String parse =
        r.out()
            .lines()
            .filter(l -> l.startsWith("parse") && l.contains("MiB"))
            .findFirst()
            .orElseThrow();
    // total 55 ms CPU, p50 5 ms, p95 and p99 10 ms (nearest rank of 10 samples), 55 MiB in all
    assertEquals(
        "parse                                  10    55.0 ms    55.0 ms    5.00 ms    10.0 ms"
            + "    10.0 ms   55.0 MiB   10.0 MiB",
        parse);
    assertFalse(r.out().lines().anyMatch(l -> l.startsWith("plain") && l.contains("MiB")));

    JsonNode j = Json.MAPPER.readTree(Cli.run("stats", "--dir", dir.toString(), "--json").out());
    JsonNode tools = j.get("tools");
    JsonNode job = null;
    for (JsonNode t : tools) {
      if (t.get("tool").asText().equals("job")) {
        job = t;
      }
      if (t.get("tool").asText().equals("plain")) {
        assertFalse(t.has("cost"));
      }
    }
    JsonNode cost = job.get("cost");
    assertEquals(10, cost.get("calls").asLong());
    assertEquals(65.0, cost.get("cpuTotalMs").asDouble(), 1e-9);
    assertEquals(10.0, cost.get("selfCpuTotalMs").asDouble(), 1e-9);
    assertEquals(6.0, cost.get("cpuP50Ms").asDouble(), 1e-9);
    assertEquals(11.0, cost.get("cpuP99Ms").asDouble(), 1e-9);
    assertEquals(65L << 20, cost.get("allocatedTotalBytes").asLong());
    assertEquals(11L << 20, cost.get("allocatedP95Bytes").asLong());
  }
}
