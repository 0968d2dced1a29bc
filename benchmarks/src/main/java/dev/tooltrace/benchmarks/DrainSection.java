/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import static dev.tooltrace.benchmarks.ReportWriter.fmt;
import static dev.tooltrace.benchmarks.ReportWriter.ratio;

import java.util.List;

/**
 * The export-drain section of BENCHMARKS.md, from the {@code drain} rows benchmarks/drain.sh
 * appends ({@code drain config spans seconds spansPerSecond cpuMicrosPerSpan}; config {@code
 * tooltrace-PROTOCOL} or {@code otel-sdk-PROTOCOL}), and issue 16's drain targets: ≥ 100k spans/s
 * and ≥ 5 × the OpenTelemetry SDK through the same receiver, per protocol.
 */
final class DrainSection {
  private DrainSection() {}

  static void render(ReportWriter w) {
    ResultSet r = w.results();
    List<String[]> rows = r.rows("drain", x -> x.length > 5);
    if (rows.isEmpty()) {
      w.target(
          "export drain ≥ 100k spans/s to a local OTLP receiver", "not measured", "≥ 100k", false);
      return;
    }
    StringBuilder md = w.md();
    md.append("## Export drain\n\n")
        .append(
            "A queue of recorded calls drained to a local OTLP receiver that only counts, next to"
                + " the OpenTelemetry SDK exporting as many spans through the same receiver"
                + " (benchmarks/drain.sh). Median over runs, min–max in brackets.\n\n"
                + "| configuration | spans | spans/s | CPU µs/span |\n|---|---|---|---|\n");
    for (String config : configs(rows)) {
      double[] rate = r.values("drain", config, 4, x -> true);
      md.append("| ")
          .append(config)
          .append(" | ")
          .append(fmt(Stats.median(r.values("drain", config, 2, x -> true)), 0))
          .append(" | ")
          .append(ReportWriter.spread(rate))
          .append(" | ")
          .append(fmt(Stats.median(r.values("drain", config, 5, x -> true)), 1))
          .append(" |\n");
    }
    md.append('\n');
    for (String config : configs(rows)) {
      if (!config.startsWith("tooltrace-")) {
        continue;
      }
      String protocol = config.substring("tooltrace-".length());
      double tt = Stats.median(r.values("drain", config, 4, x -> true));
      double sdk = Stats.median(r.values("drain", "otel-sdk-" + protocol, 4, x -> true));
      w.target(
          "export drain ≥ 100k spans/s (" + protocol + ")",
          fmt(tt, 0) + " spans/s",
          "≥ 100000",
          tt >= 100_000);
      w.target(
          "export drain ≥ 5 × the OTel SDK through the same receiver (" + protocol + ")",
          fmt(tt, 0) + " vs " + fmt(sdk, 0) + " spans/s = " + ratio(tt, sdk),
          "≥ 5×",
          tt >= 5 * sdk);
    }
  }

  private static List<String> configs(List<String[]> rows) {
    return rows.stream().map(x -> x[1]).distinct().sorted().toList();
  }
}
