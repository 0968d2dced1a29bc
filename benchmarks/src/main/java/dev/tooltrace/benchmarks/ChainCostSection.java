/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "hash chain and per-call cost" section of BENCHMARKS.md, from run-all.sh's section 8: the
 * {@code chaincost} rows of {@link OverheadDriver} ({@code chaincost config depthN nsPerCall
 * batches threadCpuNs processCpuNs}; configurations {@code chain-off}, {@code chain-on}, {@code
 * chain-cost}) and the {@code chain} rows of {@link ChainCostProbe} ({@code chain threads bytes
 * plainNs chainedNs deltaNs plainCpuNs chainedCpuNs}). A pure function of the rows, like {@link
 * LargeArgsSection}.
 */
final class ChainCostSection {
  private ChainCostSection() {}

  private static final String[][] CONFIGS = {
    {"chain-off", "`audit.chain=false`"},
    {"chain-on", "default (chain on, `capture.cost` off)"},
    {"chain-cost", "`capture.cost=true` (chain on)"},
  };

  /** The section, or "" when the run measured neither part. */
  static String render(ResultSet r) {
    List<String[]> calls = r.rows("chaincost", x -> x.length > 5);
    List<String[]> docs = r.rows("chain", x -> x.length > 7);
    if (calls.isEmpty() && docs.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder();
    md.append("## Hash chain and per-call cost\n\n");
    if (!calls.isEmpty()) {
      md.append(
              "`MonitoredClass.monitoredMethod` without work, with the recording path only"
                  + " (`export=none,http.enabled=false,sample.interval=0`), at depth 1 (every call"
                  + " its own outermost call) and depth 10 (ten nested calls per outermost call);"
                  + " the same number of calls at both depths. Median over JVMs (interleaved),"
                  + " min–max in brackets; *thread CPU*: the calling thread's CPU time per call,"
                  + " which does not grow while the thread waits for a core.\n\n")
          .append("| calls per outermost call | configuration | ns/call | thread CPU ns/call |\n")
          .append("|---|---|---|---|\n");
      for (String depth : List.of("depth1", "depth10")) {
        for (String[] c : CONFIGS) {
          List<Double> ns = column(calls, c[0], depth, 3);
          if (ns.isEmpty()) {
            continue;
          }
          md.append("| ")
              .append(depth.substring(5))
              .append(" | ")
              .append(c[1])
              .append(" | ")
              .append(fmt(median(ns)))
              .append(" (")
              .append(fmt(ns.get(0)))
              .append("–")
              .append(fmt(ns.get(ns.size() - 1)))
              .append(") | ")
              .append(fmt(median(column(calls, c[0], depth, 5))))
              .append(" |\n");
        }
      }
      md.append('\n');
    }
    if (!docs.isEmpty()) {
      md.append(
              "The chain per document in isolation (`ChainCostProbe`: the same document appended"
                  + " to a Chronicle queue plainly and through `ChainAppender`, median of the"
                  + " rounds; ns per document):\n\n")
          .append(
              "| appending threads | document bytes | plain ns/doc | chained ns/doc | chain ns/doc"
                  + " | plain thread CPU | chained thread CPU |\n")
          .append("|---|---|---|---|---|---|---|\n");
      for (String[] d : docs) {
        md.append("| ").append(d[1]).append(" | ").append(d[2]);
        for (int i = 3; i <= 7; i++) {
          md.append(" | ").append(fmt(Double.parseDouble(d[i])));
        }
        md.append(" |\n");
      }
      md.append('\n');
    }
    return md.toString();
  }

  /** Column {@code col} of the rows of {@code config} at {@code depth}, sorted. */
  private static List<Double> column(List<String[]> rows, String config, String depth, int col) {
    List<Double> v = new ArrayList<>();
    for (String[] row : rows) {
      if (row[1].equals(config) && row[2].equals(depth)) {
        v.add(Double.parseDouble(row[col]));
      }
    }
    v.sort(null);
    return v;
  }

  private static double median(List<Double> v) {
    if (v.isEmpty()) {
      return Double.NaN;
    }
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  private static String fmt(double d) {
    return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, d >= 100 ? "%.0f" : "%.1f", d);
  }
}
