/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import static dev.tooltrace.benchmarks.ReportWriter.fmt;
import static dev.tooltrace.benchmarks.ReportWriter.spread;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The short-job section of BENCHMARKS.md (run-all.sh's {@code shortjob} rows: config, wall ms, peak
 * RSS KiB, calls found in the queue) and its targets from issue 16: wall time added ≤ 0.5 s with
 * {@code export=none} and ≤ 1.0 s with defaults while no collector listens, resident memory added ≤
 * 80 MB, and every call of the job kept in the queue.
 */
final class ShortJobSection {
  static final Map<String, String> CONFIGS = new LinkedHashMap<>();

  static {
    CONFIGS.put("none", "no agent");
    CONFIGS.put("tooltrace-job-noexport", "tooltrace, `export=none`");
    CONFIGS.put(
        "tooltrace-nocollector", "tooltrace, defaults (OTLP export on), no collector listening");
    CONFIGS.put("otel-noexport", "OpenTelemetry agent 2.33.1, exporters `none`");
    CONFIGS.put("kieker", "Kieker 2.0.2, binary file writer");
  }

  private static final int WALL_MS = 2;
  private static final int RSS_KIB = 3;
  private static final int RECORDED = 4;

  private ShortJobSection() {}

  static void render(ReportWriter w) {
    ResultSet r = w.results();
    StringBuilder md = w.md();
    long calls = Long.parseLong(w.meta("shortCalls", "200")) + 1;
    md.append("## Short job\n\n")
        .append("`ShortJob`: ")
        .append(calls)
        .append(
            " tracked calls (a step over a 60-character line, then a summary) in a job of about"
                + " 0.14 s without an agent. *Wall*: from just before `exec java` to the process's"
                + " exit, shutdown hooks included. *Peak RSS*: the process's maximum resident set"
                + " (GNU time). *Kept*: calls found in the queue afterwards. Median over ")
        .append(w.meta("shortRuns", "?"))
        .append(
            " JVMs per configuration (interleaved), min–max in brackets; MB = 10⁶ bytes.\n\n"
                + "| configuration | wall ms | Δ wall ms | peak RSS MB | Δ RSS MB | kept |\n"
                + "|---|---|---|---|---|---|\n");
    double wallNone = median(r, "none", WALL_MS);
    double rssNone = mb(median(r, "none", RSS_KIB));
    for (Map.Entry<String, String> c : CONFIGS.entrySet()) {
      double[] wall = r.values("shortjob", c.getKey(), WALL_MS, x -> true);
      double rss = mb(median(r, c.getKey(), RSS_KIB));
      double[] kept = r.values("shortjob", c.getKey(), RECORDED, x -> true);
      md.append("| ")
          .append(c.getValue())
          .append(" | ")
          .append(spread(wall))
          .append(" | ")
          .append(fmt(Stats.median(wall) - wallNone))
          .append(" | ")
          .append(fmt(rss))
          .append(" | ")
          .append(fmt(rss - rssNone))
          .append(" | ")
          .append(kept.length == 0 || Stats.min(kept) < 0 ? "—" : fmt(Stats.min(kept), 0))
          .append(" |\n");
    }
    md.append('\n');
    double noexport = median(r, "tooltrace-job-noexport", WALL_MS) - wallNone;
    double nocollector = median(r, "tooltrace-nocollector", WALL_MS) - wallNone;
    w.target(
        "short job: wall time added ≤ 0.5 s (`export=none`)",
        fmt(noexport / 1000, 2) + " s",
        "≤ 0.5 s",
        noexport <= 500);
    w.target(
        "short job: wall time added ≤ 1.0 s (defaults, no collector listening)",
        fmt(nocollector / 1000, 2) + " s",
        "≤ 1.0 s",
        nocollector <= 1000);
    double rssAdded =
        Math.max(
                mb(median(r, "tooltrace-job-noexport", RSS_KIB)),
                mb(median(r, "tooltrace-nocollector", RSS_KIB)))
            - rssNone;
    w.target(
        "short job: resident memory added ≤ 80 MB (larger of the two tooltrace rows)",
        fmt(rssAdded) + " MB",
        "≤ 80 MB",
        rssAdded <= 80);
    double keptMin =
        Math.min(
            Stats.min(r.values("shortjob", "tooltrace-job-noexport", RECORDED, x -> true)),
            Stats.min(r.values("shortjob", "tooltrace-nocollector", RECORDED, x -> true)));
    w.target(
        "short job: every call kept in the queue (no collector needed at exit)",
        Double.isNaN(keptMin) ? "not measured" : "at least " + fmt(keptMin, 0) + " of " + calls,
        String.valueOf(calls),
        keptMin >= calls);
  }

  private static double median(ResultSet r, String config, int col) {
    double[] v = r.values("shortjob", config, col, x -> x.length > col && !x[col].equals("-1"));
    return Stats.median(v);
  }

  private static double mb(double kib) {
    return kib * 1024 / 1e6;
  }
}
