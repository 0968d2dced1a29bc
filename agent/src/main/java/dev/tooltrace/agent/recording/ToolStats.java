/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import dev.tooltrace.agent.telemetry.ToolStatsSnapshot;
import java.util.HashMap;
import java.util.Map;

/**
 * One tool's per-tool metrics on one thread, counted on the calling thread as each call finishes:
 * calls by outcome, errors by type, duration and confidence histograms (the buckets of {@link
 * ToolStatsSnapshot}), quality tiers, and for tools {@code capture.cost} measures the CPU and
 * allocation histograms. This replaces decoding every record from the queue again for metrics,
 * which cost the agent's background threads more CPU per call than the call itself.
 *
 * <p>Only the owning thread writes (plain fields: a few additions per call, no allocation except
 * the first error of a type); the metrics collection reads them from another thread without a lock,
 * so a collection may see a call in one counter and not yet in another — the next collection is
 * exact. 64-bit fields are read whole on the 64-bit JVMs the agent supports.
 */
final class ToolStats {
  private static final long[] DURATION_BOUNDS_NANOS = durationBoundsNanos();
  private static final double[] CONFIDENCE_BOUNDS = ToolStatsSnapshot.confidenceBounds();
  private static final double[] ALLOCATED_BOUNDS = ToolStatsSnapshot.allocatedBounds();

  final int toolId;
  long ok;
  long error;
  final long[] durationCounts = new long[DURATION_BOUNDS_NANOS.length + 1];
  long durationSumNanos;
  long durationMinNanos = Long.MAX_VALUE;
  long durationMaxNanos = Long.MIN_VALUE;
  final long[] confidenceCounts = new long[CONFIDENCE_BOUNDS.length + 1];
  double confidenceSum;
  double confidenceMin = Double.POSITIVE_INFINITY;
  double confidenceMax = Double.NEGATIVE_INFINITY;
  long high;
  long medium;
  long low;

  /** Calls whose cost was measured ({@code capture.cost}); the histograms below count them. */
  long costed;

  final long[] cpuCounts = new long[DURATION_BOUNDS_NANOS.length + 1];
  long cpuSumNanos;
  long cpuMinNanos = Long.MAX_VALUE;
  long cpuMaxNanos = Long.MIN_VALUE;
  final long[] allocatedCounts = new long[ALLOCATED_BOUNDS.length + 1];
  double allocatedSum;
  long allocatedMin = Long.MAX_VALUE;
  long allocatedMax = Long.MIN_VALUE;

  /** Errors by exception class name; only touched by failed calls. */
  volatile Map<String, long[]> errorTypes;

  ToolStats(int toolId) {
    this.toolId = toolId;
  }

  private static long[] durationBoundsNanos() {
    double[] seconds = ToolStatsSnapshot.durationBoundsSeconds();
    long[] nanos = new long[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      nanos[i] = Math.round(seconds[i] * 1e9);
    }
    return nanos;
  }

  /**
   * Counts one finished call.
   *
   * @param errorType the exception's class name, null when the call returned normally
   * @param confidence the tool's reported confidence, NaN for none
   */
  void record(
      long durationNanos,
      String errorType,
      double confidence,
      double highThreshold,
      double mediumThreshold) {
    if (errorType == null) {
      ok++;
    } else {
      error++;
      countErrors(errorType, 1);
    }
    durationCounts[bucket(DURATION_BOUNDS_NANOS, durationNanos)]++;
    durationSumNanos += durationNanos;
    if (durationNanos < durationMinNanos) {
      durationMinNanos = durationNanos;
    }
    if (durationNanos > durationMaxNanos) {
      durationMaxNanos = durationNanos;
    }
    if (confidence == confidence) { // not NaN
      confidenceCounts[bucket(CONFIDENCE_BOUNDS, confidence)]++;
      confidenceSum += confidence;
      confidenceMin = Math.min(confidenceMin, confidence);
      confidenceMax = Math.max(confidenceMax, confidence);
      if (confidence >= highThreshold) {
        high++;
      } else if (confidence >= mediumThreshold) {
        medium++;
      } else {
        low++;
      }
    }
  }

  /**
   * Counts the measured cost of one finished call ({@code capture.cost}): its thread CPU time and
   * allocated bytes, nested calls included (as the exporter's {@code tooltrace.tool.cpu} and {@code
   * .allocated} record them from the cost section).
   */
  void recordCost(long cpuNanos, long allocatedBytes) {
    costed++;
    cpuCounts[bucket(DURATION_BOUNDS_NANOS, cpuNanos)]++;
    cpuSumNanos += cpuNanos;
    if (cpuNanos < cpuMinNanos) {
      cpuMinNanos = cpuNanos;
    }
    if (cpuNanos > cpuMaxNanos) {
      cpuMaxNanos = cpuNanos;
    }
    allocatedCounts[bucket(ALLOCATED_BOUNDS, (double) allocatedBytes)]++;
    allocatedSum += allocatedBytes;
    if (allocatedBytes < allocatedMin) {
      allocatedMin = allocatedBytes;
    }
    if (allocatedBytes > allocatedMax) {
      allocatedMax = allocatedBytes;
    }
  }

  private void countErrors(String type, long count) {
    Map<String, long[]> m = errorTypes;
    if (m == null) {
      m = new HashMap<>();
    }
    long[] n = m.get(type);
    if (n == null) {
      // Copy on write: the reader iterates the map it sees without a lock.
      Map<String, long[]> copy = new HashMap<>(m);
      copy.put(type, n = new long[1]);
      m = copy;
    }
    n[0] += count;
    errorTypes = m;
  }

  /** The index of the first bound not below {@code v} (OpenTelemetry's explicit buckets). */
  private static int bucket(long[] bounds, long v) {
    int i = 0;
    while (i < bounds.length && v > bounds[i]) {
      i++;
    }
    return i;
  }

  private static int bucket(double[] bounds, double v) {
    int i = 0;
    while (i < bounds.length && v > bounds[i]) {
      i++;
    }
    return i;
  }

  /** Adds the counts of {@code other} (an ended thread's) to these. */
  void addFrom(ToolStats other) {
    ok += other.ok;
    error += other.error;
    for (int i = 0; i < durationCounts.length; i++) {
      durationCounts[i] += other.durationCounts[i];
    }
    durationSumNanos += other.durationSumNanos;
    durationMinNanos = Math.min(durationMinNanos, other.durationMinNanos);
    durationMaxNanos = Math.max(durationMaxNanos, other.durationMaxNanos);
    for (int i = 0; i < confidenceCounts.length; i++) {
      confidenceCounts[i] += other.confidenceCounts[i];
    }
    confidenceSum += other.confidenceSum;
    confidenceMin = Math.min(confidenceMin, other.confidenceMin);
    confidenceMax = Math.max(confidenceMax, other.confidenceMax);
    high += other.high;
    medium += other.medium;
    low += other.low;
    costed += other.costed;
    for (int i = 0; i < cpuCounts.length; i++) {
      cpuCounts[i] += other.cpuCounts[i];
    }
    cpuSumNanos += other.cpuSumNanos;
    cpuMinNanos = Math.min(cpuMinNanos, other.cpuMinNanos);
    cpuMaxNanos = Math.max(cpuMaxNanos, other.cpuMaxNanos);
    for (int i = 0; i < allocatedCounts.length; i++) {
      allocatedCounts[i] += other.allocatedCounts[i];
    }
    allocatedSum += other.allocatedSum;
    allocatedMin = Math.min(allocatedMin, other.allocatedMin);
    allocatedMax = Math.max(allocatedMax, other.allocatedMax);
    Map<String, long[]> m = other.errorTypes;
    if (m != null) {
      for (Map.Entry<String, long[]> e : m.entrySet()) {
        countErrors(e.getKey(), e.getValue()[0]);
      }
    }
  }

  /** Adds this thread's figures to {@code into} (the metrics collection's thread). */
  void addTo(ToolStatsSnapshot into) {
    into.add(
        ok,
        error,
        durationCounts,
        durationSumNanos / 1e9,
        durationMinNanos / 1e9,
        durationMaxNanos / 1e9,
        confidenceCounts,
        confidenceSum,
        confidenceMin,
        confidenceMax,
        high,
        medium,
        low);
    if (costed > 0) {
      into.addCost(
          costed,
          cpuCounts,
          cpuSumNanos / 1e9,
          cpuMinNanos / 1e9,
          cpuMaxNanos / 1e9,
          allocatedCounts,
          allocatedSum,
          allocatedMin,
          allocatedMax);
    }
    Map<String, long[]> m = errorTypes;
    if (m != null) {
      for (Map.Entry<String, long[]> e : m.entrySet()) {
        into.addErrors(e.getKey(), e.getValue()[0]);
      }
    }
  }
}
