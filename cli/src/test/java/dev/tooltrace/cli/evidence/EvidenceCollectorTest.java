/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.cli.CliException;
import dev.tooltrace.cli.ExitCodes;
import dev.tooltrace.record.DocumentDecoder;
import dev.tooltrace.record.ToolBlock;
import dev.tooltrace.record.testing.FixtureCall;
import dev.tooltrace.record.testing.RunFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report of runs written with the record contract's fixtures (the real batch writer) and read
 * back with the real decoder, so the evidence follows the record contract rather than a copy of it.
 */
public class EvidenceCollectorTest {
  static final long SEC = 1_000_000_000L;
  static final long T0 = 1_780_000_000L * SEC;
  static final ToolBlock PARSE =
      new ToolBlock(
          1,
          "parse",
          "parse",
          "ex.Pipeline",
          "parse",
          "(Ljava/lang/String;)V",
          List.of(),
          List.of(),
          "void");
  static final ToolBlock CLASSIFY =
      new ToolBlock(
          2,
          "classify",
          "classify",
          "ex.Pipeline",
          "classify",
          "()V",
          List.of(),
          List.of(),
          "void");

  /** Feeds documents of run (1, runLo) to the collector, decoded as a queue reader would. */
  static final class Writer {
    final EvidenceCollector c;
    final DocumentDecoder decoder = new DocumentDecoder();
    long index;
    long span = 1;

    Writer(EvidenceCollector c) {
      this.c = c;
    }

    RunFixture run(long runLo) {
      return new RunFixture(doc -> decoder.decode(doc.array(), doc.length(), index++, c), 1, runLo);
    }

    void run(long runLo, long start, String env) {
      run(runLo).start(start, 4242, env);
    }

    void call(
        long runLo,
        ToolBlock tool,
        long start,
        long durationNanos,
        String errorType,
        String message) {
      FixtureCall call =
          FixtureCall.of(tool).trace(0xaa, span).span(span).start(start).duration(durationNanos);
      span++;
      if (errorType != null) {
        call.fails(errorType, message, "at ex.Pipeline");
      }
      run(runLo).calls(7, "main", call);
    }

    void sample(long runLo, long at, double cpu, double heap) {
      run(runLo)
          .sample(
              at,
              new String[] {"process.cpu.utilization", "jvm.heap.used", "system.cpu.utilization"},
              new double[] {cpu, heap, Double.NaN});
    }

    void end(long runLo, long at) {
      run(runLo).end(at, "{}");
    }
  }

  /**
   * Run 1 (older): 1 call. Run 2 (latest): 100 parse calls of 1..100 ms, 10 classify with 3 errors.
   */
  public static EvidenceCollector twoRuns(String filter) {
    EvidenceCollector c = new EvidenceCollector(filter);
    Writer w = new Writer(c);
    w.run(1, T0, "{\"java.version\":\"17\"}");
    w.call(1, PARSE, T0 + SEC, 5_000_000, null, null);
    w.end(1, T0 + 2 * SEC);
    long t = T0 + 100 * SEC;
    w.run(2, t, "{\"java.version\":\"25\",\"host\":{\"name\":\"box\"}}");
    w.sample(2, t + SEC, 0.10, 100e6);
    w.sample(2, t + 11 * SEC, 0.90, 300e6);
    for (int i = 1; i <= 100; i++) {
      w.call(2, PARSE, t + 2 * SEC + i * 10_000_000L, i * 1_000_000L, null, null);
    }
    for (int i = 0; i < 10; i++) {
      String type =
          i < 2 ? "java.io.IOException" : i == 9 ? "java.lang.IllegalStateException" : null;
      w.call(2, CLASSIFY, t + 10 * SEC + i * SEC / 100, 500_000_000L + i, type, "bad input");
    }
    w.end(2, t + 20 * SEC);
    return c;
  }

  @Test
  void latestRunByDefaultWithSpanPercentilesAndThroughput() {
    EvidenceReport r = twoRuns(null).report("q");
    assertEquals("00000000000000010000000000000002", r.run().runId());
    assertEquals(4242L, r.run().pid());
    assertEquals("box", r.run().environment().path("host").path("name").asText());
    assertEquals(20.0, r.span().seconds(), 1e-9);
    assertTrue(r.span().endedOrderly());
    assertEquals(List.of("00000000000000010000000000000001"), r.otherRuns());

    EvidenceReport.Tool parse = r.tools().get(1);
    assertEquals("parse", parse.tool());
    assertEquals(100, parse.calls());
    assertEquals(0, parse.errors());
    assertEquals(50.0, parse.p50Ms(), 1e-9);
    assertEquals(95.0, parse.p95Ms(), 1e-9);
    assertEquals(99.0, parse.p99Ms(), 1e-9);
    assertEquals(100.0, parse.maxMs(), 1e-9);
    assertEquals(5.0, parse.callsPerSecond(), 1e-9);

    EvidenceReport.Tool classify = r.tools().get(0);
    assertEquals(10, classify.calls());
    assertEquals(3, classify.errors());
    assertEquals(0.3, classify.errorRate(), 1e-9);
  }

  @Test
  void slowestCallsAreJoinedToTheNearestSample() {
    EvidenceReport r = twoRuns(null).report("q");
    assertEquals(RunData.SLOWEST, r.slowestCalls().size());
    EvidenceReport.SlowCall top = r.slowestCalls().get(0);
    assertEquals("classify", top.tool());
    assertEquals(500.000009, top.durationMs(), 1e-9);
    // classify ran at t+10.09 s: the sample at t+11 s is nearer than the one at t+1 s.
    assertEquals(0.9, top.sample().values().get("process.cpu.utilization"));
    assertEquals(0.91, top.sample().offsetSeconds(), 1e-9);
    // NaN (not measured) is left out, not reported.
    assertNull(top.sample().values().get("system.cpu.utilization"));
  }

  @Test
  void everyDistinctErrorWithCountAndFirstOccurrence() {
    EvidenceReport r = twoRuns(null).report("q");
    assertEquals(2, r.errors().size());
    EvidenceReport.ErrorGroup io = r.errors().get(0);
    assertEquals("java.io.IOException", io.type());
    assertEquals("bad input", io.message());
    assertEquals(2, io.count());
    assertEquals(java.time.Instant.ofEpochSecond(1_780_000_110L).toString(), io.firstAt());
    assertEquals(1, r.errors().get(1).count());
  }

  @Test
  void resourcesSummaryAndSeries() {
    EvidenceReport.Resources res = twoRuns(null).report("q").resources();
    assertEquals(2, res.samples());
    assertEquals(0.5, res.summary().get("process.cpu.utilization").mean(), 1e-9);
    assertEquals(300e6, res.summary().get("jvm.heap.used").max(), 1e-9);
    assertTrue(!res.summary().containsKey("system.cpu.utilization"));
  }

  @Test
  void runByIdOrUniquePrefixElseOneClearMessage() {
    EvidenceReport first = twoRuns("00000000000000010000000000000001").report("q");
    assertEquals(1, first.tools().get(0).calls());
    assertEquals(2.0, first.span().seconds(), 1e-9);
    assertEquals(
        "00000000000000010000000000000002",
        twoRuns("00000000000000010000000000000002").report("q").run().runId());
    CliException ambiguous =
        assertThrows(CliException.class, () -> twoRuns("000000000000000100").report("q"));
    assertTrue(ambiguous.getMessage().contains("ambiguous"), ambiguous.getMessage());
    assertEquals(ExitCodes.USAGE, ambiguous.exitCode());
    CliException e = assertThrows(CliException.class, () -> twoRuns("ffff").report("q"));
    assertTrue(e.getMessage().startsWith("no run ffff in the queue (runs: "), e.getMessage());
    assertEquals(ExitCodes.NO_DATA, e.exitCode());
    assertEquals(
        ExitCodes.NO_DATA,
        assertThrows(CliException.class, () -> new EvidenceCollector(null).report("q")).exitCode());
  }

  @Test
  void markdownHasEverySection() {
    String md = MarkdownReport.render(twoRuns(null).report("q"));
    for (String s :
        List.of(
            "# Evidence report: run 00000000000000010000000000000002",
            "## Environment",
            "| java.version | 25 |",
            "## Tools",
            "| parse | 100 | 0 | 0.0% | 50.000 | 95.000 | 99.000 | 100.000 | 5.00 |",
            "| classify | 10 | 3 | 30.0% |",
            "## Slowest calls",
            "## Errors",
            "| classify | java.io.IOException | bad input | 2 |",
            "## Resource use over time",
            "| process.cpu.utilization | 10.0% | 50.0% | 90.0% |",
            "## Other runs in this queue")) {
      assertTrue(md.contains(s), "missing " + s + " in\n" + md);
    }
  }
}
