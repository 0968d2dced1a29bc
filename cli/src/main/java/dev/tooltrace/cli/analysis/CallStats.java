/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

/**
 * Aggregates over a group of calls (one tool, or one tool within one run, or a whole run).
 *
 * @param name the tool name (or run id for a whole run)
 * @param calls number of calls
 * @param errors calls that ended with an exception
 * @param p50Nanos nearest-rank median duration ({@link Percentiles})
 * @param windowNanos from the first call's start to the last call's end: the group's active window,
 *     the denominator of {@link #throughputPerSecond()}
 * @param meanConfidence mean of the reported confidences, null when none was reported
 * @param confidenceCount how many calls reported a confidence
 * @param cost what the measured calls cost ({@code capture.cost}), null when none was measured
 */
public record CallStats(
    String name,
    long calls,
    long errors,
    long minNanos,
    long p50Nanos,
    long p95Nanos,
    long p99Nanos,
    long maxNanos,
    long firstStartEpochNanos,
    long lastEndEpochNanos,
    Double meanConfidence,
    long confidenceCount,
    CostStats cost) {

  public long ok() {
    return calls - errors;
  }

  /** Fraction of calls that returned normally, in [0,1]. */
  public double successRate() {
    return calls == 0 ? 0 : (double) ok() / calls;
  }

  public double failureRate() {
    return calls == 0 ? 0 : (double) errors / calls;
  }

  public long windowNanos() {
    return lastEndEpochNanos - firstStartEpochNanos;
  }

  /**
   * Calls per second over the active window; null when the window is empty (a single call of zero
   * duration), where a rate would be meaningless.
   */
  public Double throughputPerSecond() {
    long w = windowNanos();
    return w <= 0 ? null : calls * 1e9 / w;
  }
}
