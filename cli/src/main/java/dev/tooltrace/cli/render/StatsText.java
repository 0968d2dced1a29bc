/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.render;

import dev.tooltrace.cli.analysis.CallStats;
import dev.tooltrace.cli.analysis.CostStats;
import dev.tooltrace.cli.analysis.StatsReport;
import dev.tooltrace.cli.analysis.StatsReport.RunStats;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Statistics as aligned text tables: all tools, then each run with its per-tool breakdown. */
public final class StatsText {
  private static final String ROW = "%-32s %8s %7s %8s %10s %10s %10s %10s %7s%n";

  private StatsText() {}

  public static void print(StatsReport report, boolean toolsTable, PrintWriter out) {
    if (toolsTable) {
      out.println("per tool (all runs):");
      table(report.tools(), out);
      out.println();
    }
    for (RunStats r : report.runs()) {
      CallStats t = r.total();
      out.printf(
          Locale.ROOT,
          "run %s: %d calls, %d errors, success %s, failure %s, %s, %s%n",
          r.runId(),
          t.calls(),
          t.errors(),
          Fmt.percent(t.successRate()),
          Fmt.percent(t.failureRate()),
          Fmt.time(t.firstStartEpochNanos()) + " .. " + Fmt.time(t.lastEndEpochNanos()),
          rate(t));
      table(r.tools(), out);
      out.println();
    }
  }

  private static final String COST_ROW = "%-32s %8s %10s %10s %10s %10s %10s %10s %10s%n";

  /** The cost table of the tools with measured calls ({@code capture.cost}); nothing without. */
  private static void costTable(List<CallStats> rows, PrintWriter out) {
    if (rows.stream().noneMatch(s -> s.cost() != null)) {
      return;
    }
    out.println(
        "cost (capture.cost; CPU and allocation include nested calls, self excludes them):");
    out.printf(
        Locale.ROOT,
        COST_ROW,
        "tool",
        "measured",
        "cpu",
        "self cpu",
        "cpu p50",
        "cpu p95",
        "cpu p99",
        "alloc",
        "alloc p99");
    for (CallStats s : rows) {
      CostStats c = s.cost();
      if (c == null) {
        continue;
      }
      out.printf(
          Locale.ROOT,
          COST_ROW,
          Fmt.shorten(s.name(), 32),
          c.calls(),
          Fmt.duration(c.cpuTotalNanos()),
          Fmt.duration(c.selfCpuTotalNanos()),
          Fmt.duration(c.cpuP50Nanos()),
          Fmt.duration(c.cpuP95Nanos()),
          Fmt.duration(c.cpuP99Nanos()),
          Fmt.bytes(c.allocatedTotalBytes()),
          Fmt.bytes(c.allocatedP99Bytes()));
    }
  }

  private static void table(List<CallStats> rows, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        ROW,
        "tool",
        "calls",
        "errors",
        "success",
        "p50",
        "p95",
        "p99",
        "calls/s",
        "conf");
    for (CallStats s : rows) {
      out.printf(
          Locale.ROOT,
          ROW,
          Fmt.shorten(s.name(), 32),
          s.calls(),
          s.errors(),
          Fmt.percent(s.successRate()),
          Fmt.duration(s.p50Nanos()),
          Fmt.duration(s.p95Nanos()),
          Fmt.duration(s.p99Nanos()),
          s.throughputPerSecond() == null ? "-" : Fmt.decimal(s.throughputPerSecond()),
          s.meanConfidence() == null ? "-" : Fmt.decimal(s.meanConfidence()));
    }
    costTable(rows, out);
  }

  private static String rate(CallStats t) {
    Double r = t.throughputPerSecond();
    return r == null ? "- calls/s" : Fmt.decimal(r) + " calls/s";
  }
}
