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

  // Measured calls only (capture.cost): two longs per call, allocated at the first one.
  private long[] cpu;
  private long[] allocated;
  private int costCount;
  private long selfCpu;
  private long selfAllocated;

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
    if (c.hasCost()) {
      addCost(c.cpuNanos(), c.allocatedBytes(), c.selfCpuNanos(), c.selfAllocatedBytes());
    }
  }

  private void addCost(long cpuNanos, long allocatedBytes, long self, long selfAlloc) {
    if (cpu == null) {
      cpu = new long[16];
      allocated = new long[16];
    } else if (costCount == cpu.length) {
      cpu = Arrays.copyOf(cpu, costCount * 2);
      allocated = Arrays.copyOf(allocated, costCount * 2);
    }
    cpu[costCount] = cpuNanos;
    allocated[costCount] = allocatedBytes;
    costCount++;
    selfCpu += self;
    selfAllocated += selfAlloc;
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
    for (int i = 0; i < other.costCount; i++) {
      addCost(other.cpu[i], other.allocated[i], 0, 0);
    }
    selfCpu += other.selfCpu;
    selfAllocated += other.selfAllocated;
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
        confidenceCount,
        costStats());
  }

  private CostStats costStats() {
    if (costCount == 0) {
      return null;
    }
    Percentiles c = new Percentiles(cpu, costCount);
    Percentiles a = new Percentiles(allocated, costCount);
    long cpuTotal = 0;
    long allocTotal = 0;
    for (int i = 0; i < costCount; i++) {
      cpuTotal += cpu[i];
      allocTotal += allocated[i];
    }
    return new CostStats(
        costCount,
        cpuTotal,
        selfCpu,
        c.at(50),
        c.at(95),
        c.at(99),
        allocTotal,
        selfAllocated,
        a.at(50),
        a.at(95),
        a.at(99));
  }
}
