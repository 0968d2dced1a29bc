/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.report;

import dev.tooltrace.cli.report.ReportModel.Cost;
import dev.tooltrace.cli.report.ReportModel.Histogram;
import dev.tooltrace.cli.report.ReportModel.Tiers;
import dev.tooltrace.cli.report.ReportModel.ToolRow;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordFormat;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One tool's calls, aggregated while reading: counts, confidence tiers, and an HdrHistogram of
 * durations (3 significant digits, so a percentile is within 0.1% of the exact nearest-rank value
 * {@code stats} prints) — a fixed size per tool however many calls it made.
 */
final class ToolStats {
  private final String tool;
  private final String operation;
  private final org.HdrHistogram.Histogram durations = new org.HdrHistogram.Histogram(3);
  private final double highAt;
  private final double mediumAt;
  private long calls;
  private long errors;
  private long high;
  private long medium;
  private long low;
  private long none;
  private long rejected;

  // Measured calls only (capture.cost); the histograms are made at the first one.
  private org.HdrHistogram.Histogram cpu;
  private org.HdrHistogram.Histogram allocated;
  private long cpuTotal;
  private long selfCpuTotal;
  private long allocatedTotal;
  private long selfAllocatedTotal;

  ToolStats(String tool, String operation, double highAt, double mediumAt) {
    this.tool = tool;
    this.operation = operation;
    this.highAt = highAt;
    this.mediumAt = mediumAt;
  }

  void add(CallRecord c) {
    calls++;
    if (c.error()) {
      errors++;
    }
    durations.recordValue(Math.max(1, c.durationNanos()));
    if (c.hasCost()) {
      if (cpu == null) {
        cpu = new org.HdrHistogram.Histogram(3);
        allocated = new org.HdrHistogram.Histogram(3);
      }
      cpu.recordValue(Math.max(0, c.cpuNanos()));
      allocated.recordValue(Math.max(0, c.allocatedBytes()));
      cpuTotal += c.cpuNanos();
      selfCpuTotal += c.selfCpuNanos();
      allocatedTotal += c.allocatedBytes();
      selfAllocatedTotal += c.selfAllocatedBytes();
    }
    Double conf = c.confidence();
    if (c.hasFlag(RecordFormat.FLAG_CONFIDENCE_REJECTED)) {
      rejected++;
    } else if (conf == null) {
      none++;
    } else if (conf >= highAt) {
      high++;
    } else if (conf >= mediumAt) {
      medium++;
    } else {
      low++;
    }
  }

  long calls() {
    return calls;
  }

  ToolRow row() {
    return new ToolRow(
        tool,
        operation,
        calls,
        errors,
        at(50),
        at(95),
        at(99),
        calls == 0 ? 0 : durations.getMaxValue(),
        new Tiers(highAt, mediumAt, high, medium, low, none, rejected),
        histogram(),
        cost());
  }

  private Cost cost() {
    if (cpu == null) {
      return null;
    }
    return new Cost(
        cpu.getTotalCount(),
        cpuTotal,
        selfCpuTotal,
        cpu.getValueAtPercentile(95),
        allocatedTotal,
        selfAllocatedTotal,
        allocated.getValueAtPercentile(95));
  }

  private long at(double p) {
    return calls == 0 ? 0 : durations.getValueAtPercentile(p);
  }

  /** Log-spaced bins from the fastest to the slowest call. */
  private Histogram histogram() {
    if (calls == 0) {
      return new Histogram(List.of(), List.of());
    }
    long min = Math.max(1, durations.getMinValue());
    long max = Math.max(min + 1, durations.getMaxValue() + 1);
    int bins = Limits.HISTOGRAM_BINS;
    double ratio = Math.log((double) max / min);
    List<Long> edges = new ArrayList<>();
    for (int i = 0; i <= bins; i++) {
      edges.add(i == bins ? max : Math.round(min * Math.exp(ratio * i / bins)));
    }
    long[] counts = new long[bins];
    for (HistogramIterationValue v : durations.recordedValues()) {
      long value = v.getValueIteratedTo();
      int bin = value <= min ? 0 : (int) (Math.log((double) value / min) / ratio * bins);
      counts[Math.max(0, Math.min(bins - 1, bin))] += v.getCountAtValueIteratedTo();
    }
    List<Long> c = new ArrayList<>();
    for (long n : counts) {
      c.add(n);
    }
    return new Histogram(edges, c);
  }
}
