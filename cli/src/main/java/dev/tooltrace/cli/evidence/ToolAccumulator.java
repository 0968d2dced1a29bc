/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.evidence;

import java.util.Arrays;

/**
 * One tool's calls in one run: every duration is kept (8 bytes a call) so that percentiles are
 * exact rather than estimated from buckets; the report is about evidence, not dashboards.
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
    long[] sorted = Arrays.copyOf(durations, n);
    Arrays.sort(sorted);
    return new EvidenceReport.Tool(
        tool,
        n,
        errors,
        n == 0 ? 0 : (double) errors / n,
        ms(percentile(sorted, 0.50)),
        ms(percentile(sorted, 0.95)),
        ms(percentile(sorted, 0.99)),
        ms(n == 0 ? 0 : sorted[n - 1]),
        spanSeconds > 0 ? n / spanSeconds : 0);
  }

  /** Nearest-rank percentile: a duration some call really had. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }
}
