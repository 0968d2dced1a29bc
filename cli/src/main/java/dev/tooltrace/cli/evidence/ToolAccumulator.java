/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.evidence;

import dev.tooltrace.cli.analysis.Percentiles;
import java.util.Arrays;

/**
 * One tool's calls in one run: every duration is kept (8 bytes a call) so that percentiles are
 * exact ({@link Percentiles}, nearest rank) rather than estimated from buckets; the report is about
 * evidence, not dashboards.
 */
final class ToolAccumulator {
  final String tool;
  private long[] durations = new long[64];
  private int n;
  long errors;

  ToolAccumulator(String tool) {
    this.tool = tool;
  }

  void add(long durationNanos, boolean error) {
    if (n == durations.length) {
      durations = Arrays.copyOf(durations, n * 2);
    }
    durations[n++] = durationNanos;
    if (error) {
      errors++;
    }
  }

  long calls() {
    return n;
  }

  EvidenceReport.Tool summarize(double spanSeconds) {
    if (n == 0) {
      return new EvidenceReport.Tool(tool, 0, errors, 0, 0, 0, 0, 0, 0);
    }
    Percentiles p = new Percentiles(durations, n);
    return new EvidenceReport.Tool(
        tool,
        n,
        errors,
        (double) errors / n,
        ms(p.at(50)),
        ms(p.at(95)),
        ms(p.at(99)),
        ms(p.max()),
        spanSeconds > 0 ? n / spanSeconds : 0);
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }
}
