/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import dev.tooltrace.record.CallRecord;
import java.nio.ByteBuffer;

/**
 * The running aggregate of a group of calls (a tool, a tool within a run, a whole run) in bounded
 * memory, whatever the number of calls: durations, and for calls measured with {@code capture.cost}
 * their CPU time and allocated bytes, each a {@link Distribution} (exact for the first {@value
 * Distribution#EXACT_SAMPLES} calls, then an HdrHistogram). A group can be written to bytes and
 * merged, which is how the persistent index keeps per-tool statistics without keeping a value per
 * call.
 */
public final class CallGroup {
  /** Calls whose values are kept exactly before the histogram takes over. */
  static final int EXACT_SAMPLES = Distribution.EXACT_SAMPLES;

  private static final byte FORMAT = 2;

  private final String name;
  private Distribution durations = new Distribution();
  private long errors;
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;
  private double confidenceSum;
  private long confidenceCount;

  // Measured calls only (capture.cost), created at the first one.
  private Distribution cpu;
  private Distribution allocated;
  private long selfCpu;
  private long selfAllocated;

  public CallGroup(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public void add(CallRecord c) {
    add(c.startEpochNanos(), c.durationNanos(), c.error(), c.confidence());
    if (c.hasCost()) {
      addCost(c.cpuNanos(), c.allocatedBytes(), c.selfCpuNanos(), c.selfAllocatedBytes());
    }
  }

  /** Adds one call given by its start, duration, outcome and reported confidence (or null). */
  public void add(long startEpochNanos, long durationNanos, boolean error, Double confidence) {
    durations.record(durationNanos);
    if (error) {
      errors++;
    }
    first = Math.min(first, startEpochNanos);
    last = Math.max(last, startEpochNanos + durationNanos);
    if (confidence != null) {
      confidenceSum += confidence;
      confidenceCount++;
    }
  }

  /**
   * Adds what one measured call cost (a call added with {@link #add(long, long, boolean, Double)}).
   */
  public void addCost(long cpuNanos, long allocatedBytes, long selfCpuNanos, long selfAllocBytes) {
    if (cpu == null) {
      cpu = new Distribution();
      allocated = new Distribution();
    }
    cpu.record(cpuNanos);
    allocated.record(allocatedBytes);
    selfCpu += selfCpuNanos;
    selfAllocated += selfAllocBytes;
  }

  /** Adds every call of {@code other} (merging per-run groups into a tool's overall group). */
  public void addAll(CallGroup other) {
    if (other.durations.count() == 0) {
      return;
    }
    durations.addAll(other.durations);
    errors += other.errors;
    first = Math.min(first, other.first);
    last = Math.max(last, other.last);
    confidenceSum += other.confidenceSum;
    confidenceCount += other.confidenceCount;
    if (other.cpu != null) {
      if (cpu == null) {
        cpu = new Distribution();
        allocated = new Distribution();
      }
      cpu.addAll(other.cpu);
      allocated.addAll(other.allocated);
    }
    selfCpu += other.selfCpu;
    selfAllocated += other.selfAllocated;
  }

  public boolean isEmpty() {
    return durations.count() == 0;
  }

  public long count() {
    return durations.count();
  }

  public CallStats stats() {
    if (isEmpty()) {
      throw new IllegalArgumentException("no calls for " + name);
    }
    long[] p = durations.p50p95p99();
    return new CallStats(
        name,
        durations.count(),
        errors,
        durations.min(),
        p[0],
        p[1],
        p[2],
        durations.max(),
        first,
        last,
        confidenceCount == 0 ? null : confidenceSum / confidenceCount,
        confidenceCount,
        costStats());
  }

  private CostStats costStats() {
    if (cpu == null || cpu.count() == 0) {
      return null;
    }
    long[] c = cpu.p50p95p99();
    long[] a = allocated.p50p95p99();
    return new CostStats(
        cpu.count(),
        cpu.total(),
        selfCpu,
        c[0],
        c[1],
        c[2],
        allocated.total(),
        selfAllocated,
        a[0],
        a[1],
        a[2]);
  }

  /** The group as bytes, for {@link #fromBytes}: counters, then each distribution. */
  public byte[] toBytes() {
    boolean costed = cpu != null;
    int size = 1 + 6 * 8 + 1 + durations.size();
    if (costed) {
      size += 2 * 8 + cpu.size() + allocated.size();
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put(FORMAT);
    b.putLong(errors).putLong(first).putLong(last);
    b.putDouble(confidenceSum).putLong(confidenceCount).putLong(0);
    durations.write(b);
    b.put((byte) (costed ? 1 : 0));
    if (costed) {
      b.putLong(selfCpu).putLong(selfAllocated);
      cpu.write(b);
      allocated.write(b);
    }
    return b.array();
  }

  /** A group written by {@link #toBytes}; throws {@link IllegalArgumentException} if damaged. */
  public static CallGroup fromBytes(String name, byte[] bytes) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      if (b.get() != FORMAT) {
        throw new IllegalArgumentException("unknown statistics format");
      }
      CallGroup g = new CallGroup(name);
      g.errors = b.getLong();
      g.first = b.getLong();
      g.last = b.getLong();
      g.confidenceSum = b.getDouble();
      g.confidenceCount = b.getLong();
      b.getLong();
      g.durations = Distribution.read(b);
      if (b.get() == 1) {
        g.selfCpu = b.getLong();
        g.selfAllocated = b.getLong();
        g.cpu = Distribution.read(b);
        g.allocated = Distribution.read(b);
      }
      if (b.hasRemaining()) {
        throw new IllegalArgumentException("length does not match");
      }
      return g;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("damaged statistics of " + name + ": " + e, e);
    }
  }
}
