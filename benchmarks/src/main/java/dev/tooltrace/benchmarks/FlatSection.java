/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import static dev.tooltrace.benchmarks.ReportWriter.fmt;
import static dev.tooltrace.benchmarks.ReportWriter.ratio;
import static dev.tooltrace.benchmarks.ReportWriter.spread;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The flat-call section of BENCHMARKS.md ({@link FlatCallDriver}'s {@code flat} rows) and its
 * targets from issue 16: overhead ≤ 0.4 × the OpenTelemetry agent's and ≤ Kieker's binary writer,
 * no allocation on the calling thread for a {@code String} argument, and the agent's background
 * threads spending less CPU per call than the calling thread (with {@code export=none}, where
 * nothing has to be sent).
 */
final class FlatSection {
  static final Map<String, String> CONFIGS = new LinkedHashMap<>();

  static {
    CONFIGS.put("none", "no agent");
    CONFIGS.put("tooltrace", "tooltrace, default capture, OTLP/HTTP to local receiver");
    CONFIGS.put("tooltrace-noexport", "tooltrace, default capture, `export=none`");
    CONFIGS.put("otel", "OpenTelemetry agent 2.33.1, `@WithSpan`, OTLP/HTTP to local receiver");
    CONFIGS.put("kieker", "Kieker 2.0.2, binary file writer");
  }

  private static final int NS = 2;
  private static final int THREAD_CPU = 4;
  private static final int PROCESS_CPU = 5;
  private static final int ALLOCATED = 6;

  private FlatSection() {}

  static void render(ReportWriter w) {
    ResultSet r = w.results();
    StringBuilder md = w.md();
    md.append("## Flat outermost calls (pipeline shape)\n\n")
        .append(
            "`FlatTool.process(String)` called in a loop, every call its own outermost call, each"
                + " with one of 1024 distinct 60-character strings (built before measuring), hashed"
                + " and previewed as by default; ")
        .append(w.meta("flatWarmup", "?"))
        .append(" warm-up calls, then ")
        .append(w.meta("flatCalls", "?"))
        .append(" measured calls per JVM. Median over ")
        .append(w.meta("runs", "?"))
        .append(
            " JVMs per configuration (interleaved), min–max in brackets. *Background CPU* = process"
                + " CPU − calling-thread CPU per call, minus the same for no agent: what the agent's"
                + " own threads (exporter, tailer, housekeeping) spend per call. *Thread B/call*: bytes"
                + " the calling thread allocated per call.\n\n")
        .append(
            "| configuration | ns/call | overhead ns/call | overhead ÷ OTel overhead | thread CPU"
                + " ns/call | process CPU ns/call | background CPU ns/call | thread B/call |\n"
                + "|---|---|---|---|---|---|---|---|\n");
    double none = median(r, "none", NS);
    double otel = median(r, "otel", NS) - none;
    for (Map.Entry<String, String> c : CONFIGS.entrySet()) {
      double[] v = r.values("flat", c.getKey(), NS, x -> true);
      double m = Stats.median(v);
      md.append("| ")
          .append(c.getValue())
          .append(" | ")
          .append(spread(v))
          .append(" | ")
          .append(fmt(m - none))
          .append(" | ")
          .append(ratio(m - none, otel))
          .append(" | ")
          .append(fmt(median(r, c.getKey(), THREAD_CPU)))
          .append(" | ")
          .append(fmt(median(r, c.getKey(), PROCESS_CPU)))
          .append(" | ")
          .append(fmt(background(r, c.getKey())))
          .append(" | ")
          .append(fmt(median(r, c.getKey(), ALLOCATED), 3))
          .append(" |\n");
    }
    md.append('\n');
    double tt = median(r, "tooltrace", NS) - none;
    double kieker = median(r, "kieker", NS) - none;
    w.target(
        "flat calls: overhead ≤ 0.4 × OTel's",
        fmt(tt) + " ns vs " + fmt(otel) + " ns = " + ratio(tt, otel) + cpu(r),
        "≤ 0.40",
        tt <= 0.4 * otel);
    w.target(
        "flat calls: overhead ≤ Kieker binary writer",
        fmt(tt) + " ns vs " + fmt(kieker) + " ns",
        "≤ Kieker",
        tt <= kieker);
    double alloc = median(r, "tooltrace", ALLOCATED) - median(r, "none", ALLOCATED);
    w.target(
        "0 bytes allocated per call on the calling thread (`String` argument, flat calls)",
        fmt(alloc, 3) + " B/call",
        "rounds to 0 B",
        Math.round(alloc) == 0);
    double bg = background(r, "tooltrace-noexport");
    double calling = median(r, "tooltrace-noexport", THREAD_CPU) - median(r, "none", THREAD_CPU);
    w.target(
        "agent's background threads spend less CPU per call than the calling thread"
            + " (flat calls, `export=none`)",
        fmt(bg) + " ns vs " + fmt(calling) + " ns",
        "background < calling",
        bg < calling);
  }

  private static String cpu(ResultSet r) {
    double none = median(r, "none", THREAD_CPU);
    double tt = median(r, "tooltrace", THREAD_CPU) - none;
    double otel = median(r, "otel", THREAD_CPU) - none;
    return Double.isNaN(tt) || Double.isNaN(otel) ? "" : "; thread CPU: " + ratio(tt, otel);
  }

  /** Process minus thread CPU per call, less what the JVM alone spends there (no agent). */
  private static double background(ResultSet r, String config) {
    return median(r, config, PROCESS_CPU)
        - median(r, config, THREAD_CPU)
        - (median(r, "none", PROCESS_CPU) - median(r, "none", THREAD_CPU));
  }

  private static double median(ResultSet r, String config, int col) {
    return Stats.median(r.values("flat", config, col, x -> true));
  }
}
