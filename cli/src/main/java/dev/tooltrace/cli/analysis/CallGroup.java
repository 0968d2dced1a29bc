/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import dev.tooltrace.record.CallRecord;
import java.util.Arrays;

/**
 * The running aggregate of a group of calls (a tool, a tool within a run, a whole run). Keeps one
 * duration (8 bytes) per call for exact percentiles and nothing else per call, so statistics over a
 * queue of tens of millions of calls fit in a modest heap.
 */
final class CallGroup {
  private final String name;
  private long[] durations = new long[16];
  private int count;
  private long errors;
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;
  private double confidenceSum;
  private long confidenceCount;

  CallGroup(String name) {
    this.name = name;
  }

  void add(CallRecord c) {
    if (count == durations.length) {
      durations = Arrays.copyOf(durations, count * 2);
    }
    durations[count++] = c.durationNanos();
    if (c.error()) {
      errors++;
    }
    first = Math.min(first, c.startEpochNanos());
    last = Math.max(last, c.endEpochNanos());
    if (c.confidence() != null) {
      confidenceSum += c.confidence();
      confidenceCount++;
    }
  }

  /** Adds every call of {@code other} (merging per-run groups into a tool's overall group). */
  void addAll(CallGroup other) {
    if (count + other.count > durations.length) {
      durations = Arrays.copyOf(durations, Math.max(count + other.count, durations.length * 2));
    }
    System.arraycopy(other.durations, 0, durations, count, other.count);
    count += other.count;
    errors += other.errors;
    first = Math.min(first, other.first);
    last = Math.max(last, other.last);
    confidenceSum += other.confidenceSum;
    confidenceCount += other.confidenceCount;
  }

  boolean isEmpty() {
    return count == 0;
  }

  CallStats stats() {
    if (count == 0) {
      throw new IllegalArgumentException("no calls for " + name);
    }
    Percentiles p = new Percentiles(durations, count);
    return new CallStats(
        name,
        count,
        errors,
        p.min(),
        p.at(50),
        p.at(95),
        p.at(99),
        p.max(),
        first,
        last,
        confidenceCount == 0 ? null : confidenceSum / confidenceCount,
        confidenceCount);
  }
}
