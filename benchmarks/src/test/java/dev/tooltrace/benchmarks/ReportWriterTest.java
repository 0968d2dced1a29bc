/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's verdicts follow the issue's ratios, computed from medians over runs. */
class ReportWriterTest {
  private static final Map<String, String> META = Map.of("date", "today", "loadStart", "0.1");

  private static List<String[]> overhead(String config, String variant, double... ns) {
    List<String[]> rows = new ArrayList<>();
    for (double v : ns) {
      rows.add(new String[] {"overhead", config, variant, String.valueOf(v), ""});
    }
    return rows;
  }

  private static String render(double tooltraceNs, double kiekerNs) {
    List<String[]> rows = new ArrayList<>();
    for (String variant : new String[] {"nowork", "work"}) {
      rows.addAll(overhead("none", variant, 2, 3, 100));
      rows.addAll(overhead("tooltrace-disabled", variant, 3, 3, 3));
      rows.addAll(overhead("tooltrace", variant, tooltraceNs, tooltraceNs, 9999));
      rows.addAll(overhead("otel", variant, 503, 503, 503));
      rows.addAll(overhead("kieker", variant, kiekerNs));
      rows.addAll(overhead("kieker-off", variant, 10));
    }
    rows.add(new String[] {"alloc", "tracked", "0.02"});
    rows.add(new String[] {"alloc", "untracked", "0.00"});
    rows.add(new String[] {"burst", "tooltrace", "1", "1000", "1.0", "1000"});
    rows.add(new String[] {"delivered", "tooltrace", "1", "990", "0"});
    rows.add(new String[] {"startup", "none", "100", "40000", "40000"});
    rows.add(new String[] {"startup", "tooltrace", "300", "90000", "90000"});
    rows.add(new String[] {"startup", "otel", "3100", "300000", "300000"});
    return new ReportWriter(ResultSet.of(rows), Map.of(), META).render();
  }

  private static String renderIssue16() {
    List<String[]> rows = new ArrayList<>();
    // flat config ns perBatch threadCpu processCpu allocated
    rows.add(new String[] {"flat", "none", "2", "", "2", "5", "0.01"});
    rows.add(new String[] {"flat", "tooltrace", "202", "", "150", "400", "0.30"});
    rows.add(new String[] {"flat", "tooltrace-noexport", "150", "", "120", "200", "0.02"});
    rows.add(new String[] {"flat", "otel", "1002", "", "900", "1500", "900"});
    rows.add(new String[] {"flat", "kieker", "602", "", "500", "900", "300"});
    // shortjob config wallMs rssKiB recorded
    rows.add(new String[] {"shortjob", "none", "140", "43000", "-1"});
    rows.add(new String[] {"shortjob", "tooltrace-job-noexport", "600", "100000", "201"});
    rows.add(new String[] {"shortjob", "tooltrace-nocollector", "1300", "110000", "200"});
    rows.add(new String[] {"drain", "tooltrace-http", "300000", "2.0", "150000", "3.1"});
    rows.add(new String[] {"drain", "otel-sdk-http", "300000", "30.0", "10000", "20.0"});
    return new ReportWriter(ResultSet.of(rows), Map.of(), META).render();
  }

  @Test
  void flatCallTargetsCompareOverheadsAndBackgroundCpu() {
    String md = renderIssue16();
    assertTrue(
        md.contains(
            "| flat calls: overhead ≤ 0.4 × OTel's | 200 ns vs 1000 ns = 0.20×; thread CPU: 0.16×"
                + " | ≤ 0.40 | **met** |"),
        md);
    assertTrue(md.contains("| flat calls: overhead ≤ Kieker binary writer | 200 ns vs 600 ns"), md);
    // 0.30 - 0.01 B rounds to 0.
    assertTrue(
        md.contains("(`String` argument, flat calls) | 0.290 B/call | rounds to 0 B | **met**"),
        md);
    // Background (200 - 120) - (5 - 2) = 77 ns vs calling 120 - 2 = 118 ns.
    assertTrue(md.contains("| 77.0 ns vs 118 ns | background < calling | **met** |"), md);
  }

  @Test
  void shortJobTargetsUseTheAddedWallTimeAndMemory() {
    String md = renderIssue16();
    assertTrue(
        md.contains(
            "| short job: wall time added ≤ 0.5 s (`export=none`) | 0.46 s | ≤ 0.5 s | **met** |"),
        md);
    assertTrue(
        md.contains(
            "| short job: wall time added ≤ 1.0 s (defaults, no collector listening) | 1.16 s"
                + " | ≤ 1.0 s | **missed** |"),
        md);
    // (110000 - 43000) KiB = 68.6 MB.
    assertTrue(
        md.contains("(larger of the two tooltrace rows) | 68.6 MB | ≤ 80 MB | **met** |"), md);
    assertTrue(md.contains("| at least 200 of 201 | 201 | **missed** |"), md);
  }

  @Test
  void drainTargetsCompareWithTheSdkPerProtocol() {
    String md = renderIssue16();
    assertTrue(
        md.contains("| export drain ≥ 100k spans/s (http) | 150000 spans/s | ≥ 100000 | **met** |"),
        md);
    assertTrue(md.contains("= 15.00× | ≥ 5× | **met** |"), md);
    String none = render(203, 303);
    assertTrue(
        none.contains("| export drain ≥ 100k spans/s to a local OTLP receiver | not measured"),
        none);
  }

  @Test
  void overheadTargetsUseTheMedianMinusTheNoAgentBaseline() {
    // Overheads: tooltrace 203 - 3 = 200, OTel 500: 0.40x, exactly at the limit; Kieker 300.
    String md = render(203, 303);
    assertTrue(
        md.contains(
            "| default capture overhead ≤ 0.4 × OTel's (no work) | 200 ns vs 500 ns"
                + " = 0.40× | ≤ 0.40 | **met** |"),
        md);
    assertTrue(
        md.contains(
            "| default capture ≤ Kieker binary writer (no work) | 200 ns vs 300 ns"
                + " | ≤ Kieker | **met** |"),
        md);
    assertTrue(
        md.contains(
            "| tracking disabled ≤ Kieker probe deactivated (no work) | 0.0 ns vs"
                + " 7.0 ns | ≤ Kieker off | **met** |"),
        md);
  }

  @Test
  void missedTargetsAreShownAsMissed() {
    String md = render(253, 203);
    assertTrue(md.contains("= 0.50× | ≤ 0.40 | **missed** |"), md);
    assertTrue(
        md.contains(
            "| default capture ≤ Kieker binary writer (work) | 250 ns vs 200 ns"
                + " | ≤ Kieker | **missed** |"),
        md);
    assertTrue(
        md.contains(
            "| no record dropped (1 and 2 threads, no disk budget set) | records"
                + " dropped | 0 | **missed** |"),
        md);
    assertTrue(
        md.contains(
            "| start-up delta ≤ 0.25 × OTel's | 200 ms vs 3000 ms = 0.07× | ≤ 0.25"
                + " | **met** |"),
        md);
    assertTrue(
        md.contains(
            "| 0 bytes allocated per call on the hot path (primitives, default"
                + " capture) | 0.020 B/call | rounds to 0 B | **met** |"),
        md);
  }
}
