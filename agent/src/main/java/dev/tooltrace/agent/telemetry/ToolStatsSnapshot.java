/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One tool's per-tool metrics summed over every thread at one collection: calls by outcome, errors
 * by type, the duration and confidence histograms (buckets of {@link MeterSetup}), quality tiers,
 * and the CPU and allocation histograms of the calls {@code capture.cost} measured. Filled by the
 * recorder's per-thread counters, turned into metric points by {@link ToolStatsProducer}; the same
 * buckets are the views of the SDK's instruments ({@link MeterSetup}).
 */
public final class ToolStatsSnapshot {
  /**
   * Buckets of {@code tooltrace.tool.duration} (seconds): the SDK's default buckets are made for
   * milliseconds and would put every call under 5 s into one bucket, leaving {@code
   * histogram_quantile} nothing to interpolate. Here rather than in {@link MeterSetup} so that the
   * recorder's exit path can use them without loading any OpenTelemetry class.
   */
  public static final List<Double> DURATION_BUCKETS_SECONDS =
      List.of(
          0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
          0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0);

  /** Buckets of {@code tooltrace.tool.confidence}, a value in [0, 1]. */
  public static final List<Double> CONFIDENCE_BUCKETS =
      List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0);

  /** Buckets of {@code tooltrace.tool.allocated} (capture.cost), in bytes: 1 KiB to 4 GiB. */
  public static final List<Double> ALLOCATED_BUCKETS_BYTES =
      List.of(
          1024.0, 16384.0, 131072.0, 1048576.0, 8388608.0, 67108864.0, 536870912.0, 4294967296.0);

  private static final double[] DURATION_BOUNDS = toArray(DURATION_BUCKETS_SECONDS);
  private static final double[] CONFIDENCE_BOUNDS = toArray(CONFIDENCE_BUCKETS);
  private static final double[] ALLOCATED_BOUNDS = toArray(ALLOCATED_BUCKETS_BYTES);

  final String tool;
  long ok;
  long error;
  final Map<String, Long> errorsByType = new TreeMap<>();
  final long[] durationCounts = new long[DURATION_BOUNDS.length + 1];
  double durationSum;
  double durationMin = Double.POSITIVE_INFINITY;
  double durationMax = Double.NEGATIVE_INFINITY;
  final long[] confidenceCounts = new long[CONFIDENCE_BOUNDS.length + 1];
  double confidenceSum;
  double confidenceMin = Double.POSITIVE_INFINITY;
  double confidenceMax = Double.NEGATIVE_INFINITY;
  long high;
  long medium;
  long low;
  long costed;
  final long[] cpuCounts = new long[DURATION_BOUNDS.length + 1];
  double cpuSum;
  double cpuMin = Double.POSITIVE_INFINITY;
  double cpuMax = Double.NEGATIVE_INFINITY;
  final long[] allocatedCounts = new long[ALLOCATED_BOUNDS.length + 1];
  double allocatedSum;
  double allocatedMin = Double.POSITIVE_INFINITY;
  double allocatedMax = Double.NEGATIVE_INFINITY;

  public ToolStatsSnapshot(String tool) {
    this.tool = tool;
  }

  /** Upper bounds of the duration buckets, seconds (a copy). */
  public static double[] durationBoundsSeconds() {
    return DURATION_BOUNDS.clone();
  }

  /** Upper bounds of the confidence buckets (a copy). */
  public static double[] confidenceBounds() {
    return CONFIDENCE_BOUNDS.clone();
  }

  /** Upper bounds of the allocation buckets, bytes (a copy). */
  public static double[] allocatedBounds() {
    return ALLOCATED_BOUNDS.clone();
  }

  static List<Double> durationBounds() {
    return DURATION_BUCKETS_SECONDS;
  }

  static List<Double> confidenceBoundsList() {
    return CONFIDENCE_BUCKETS;
  }

  /** Adds one thread's figures (arrays as long as this snapshot's). */
  public void add(
      long ok,
      long error,
      long[] durationCounts,
      double durationSum,
      double durationMin,
      double durationMax,
      long[] confidenceCounts,
      double confidenceSum,
      double confidenceMin,
      double confidenceMax,
      long high,
      long medium,
      long low) {
    this.ok += ok;
    this.error += error;
    addAll(this.durationCounts, durationCounts);
    this.durationSum += durationSum;
    if (ok + error > 0) {
      this.durationMin = Math.min(this.durationMin, durationMin);
      this.durationMax = Math.max(this.durationMax, durationMax);
    }
    addAll(this.confidenceCounts, confidenceCounts);
    this.confidenceSum += confidenceSum;
    this.confidenceMin = Math.min(this.confidenceMin, confidenceMin);
    this.confidenceMax = Math.max(this.confidenceMax, confidenceMax);
    this.high += high;
    this.medium += medium;
    this.low += low;
  }

  /**
   * Adds one thread's measured cost ({@code capture.cost}) of {@code costed} calls: CPU seconds and
   * allocated bytes, nested calls included (arrays as long as this snapshot's).
   */
  public void addCost(
      long costed,
      long[] cpuCounts,
      double cpuSum,
      double cpuMin,
      double cpuMax,
      long[] allocatedCounts,
      double allocatedSum,
      double allocatedMin,
      double allocatedMax) {
    if (costed <= 0) {
      return;
    }
    this.costed += costed;
    addAll(this.cpuCounts, cpuCounts);
    this.cpuSum += cpuSum;
    this.cpuMin = Math.min(this.cpuMin, cpuMin);
    this.cpuMax = Math.max(this.cpuMax, cpuMax);
    addAll(this.allocatedCounts, allocatedCounts);
    this.allocatedSum += allocatedSum;
    this.allocatedMin = Math.min(this.allocatedMin, allocatedMin);
    this.allocatedMax = Math.max(this.allocatedMax, allocatedMax);
  }

  /** Calls whose cost was measured. */
  public long costed() {
    return costed;
  }

  public void addErrors(String type, long n) {
    errorsByType.merge(type, n, Long::sum);
  }

  public String tool() {
    return tool;
  }

  public long calls() {
    return ok + error;
  }

  long confidenceCount() {
    long n = 0;
    for (long c : confidenceCounts) {
      n += c;
    }
    return n;
  }

  private static void addAll(long[] into, long[] from) {
    for (int i = 0; i < into.length && i < from.length; i++) {
      into[i] += from[i];
    }
  }

  private static double[] toArray(List<Double> l) {
    double[] a = new double[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = l.get(i);
    }
    return a;
  }
}
