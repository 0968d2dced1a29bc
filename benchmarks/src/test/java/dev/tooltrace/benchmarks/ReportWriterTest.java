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

/** The report's verdicts follow the ratios, computed from medians over runs. */
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
