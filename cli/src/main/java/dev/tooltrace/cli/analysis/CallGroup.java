/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import dev.tooltrace.record.CallRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.PackedHistogram;

/**
 * The running aggregate of a group of calls (a tool, a tool within a run, a whole run) in bounded
 * memory, whatever the number of calls. Durations are kept exactly for the first {@value
 * #EXACT_SAMPLES} calls (percentiles are then nearest-rank, always an observed duration); past that
 * they move into an HdrHistogram with three significant digits (a percentile is within 0.1% of an
 * observed duration, clamped to the exact minimum and maximum), a few kilobytes per group. A group
 * can be written to bytes and merged, which is how the persistent index keeps per-tool statistics
 * without keeping a duration per call.
 *
 * <p>Two histogram layouts, both HdrHistogram's: calls added one by one go into a {@link
 * PackedHistogram} (memory grows with the distinct durations seen, so reading a queue with
 * thousands of groups stays small); a group read back {@link #fromBytes} is a plain {@link
 * Histogram} (a counts array of ~170 KB for durations up to a second), because filling a packed one
 * with a thousand buckets takes tens of milliseconds, which {@code stats} would pay per group.
 */
public final class CallGroup {
  /** Calls whose durations are kept exactly before the histogram takes over. */
  static final int EXACT_SAMPLES = 4096;

  private static final int DIGITS = 3;
  private static final byte FORMAT = 1;

  private final String name;
  private long[] durations = new long[16];
  private AbstractHistogram histogram;
  private long count;
  private long errors;
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;
  private double confidenceSum;
  private long confidenceCount;

  public CallGroup(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public void add(CallRecord c) {
    add(c.startEpochNanos(), c.durationNanos(), c.error(), c.confidence());
  }

  /** Adds one call given by its start, duration, outcome and reported confidence (or null). */
  public void add(long startEpochNanos, long durationNanos, boolean error, Double confidence) {
    record(durationNanos);
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

  private void record(long d) {
    long v = Math.max(0, d);
    min = Math.min(min, v);
    max = Math.max(max, v);
    if (histogram != null) {
      histogram.recordValue(v);
    } else {
      if (count == durations.length) {
        if (count == EXACT_SAMPLES) {
          toHistogram();
          histogram.recordValue(v);
          count++;
          return;
        }
        durations = Arrays.copyOf(durations, (int) Math.min(count * 2, EXACT_SAMPLES));
      }
      durations[(int) count] = v;
    }
    count++;
  }

  private void toHistogram() {
    histogram = new PackedHistogram(DIGITS);
    for (int i = 0; i < count; i++) {
      histogram.recordValue(durations[i]);
    }
    durations = null;
  }

  /** Adds every call of {@code other} (merging per-run groups into a tool's overall group). */
  public void addAll(CallGroup other) {
    if (other.count == 0) {
      return;
    }
    if (other.histogram != null) {
      if (histogram == null) {
        // Same layout as other's: a copy of a plain histogram is one array copy.
        AbstractHistogram h = other.histogram.copy();
        h.setAutoResize(true);
        for (int i = 0; i < count; i++) {
          h.recordValue(durations[i]);
        }
        histogram = h;
        durations = null;
      } else {
        histogram.add(other.histogram);
      }
      count += other.count;
      min = Math.min(min, other.min);
      max = Math.max(max, other.max);
    } else {
      for (int i = 0; i < other.count; i++) {
        record(other.durations[i]);
      }
    }
    errors += other.errors;
    first = Math.min(first, other.first);
    last = Math.max(last, other.last);
    confidenceSum += other.confidenceSum;
    confidenceCount += other.confidenceCount;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  public long count() {
    return count;
  }

  public CallStats stats() {
    if (count == 0) {
      throw new IllegalArgumentException("no calls for " + name);
    }
    long p50;
    long p95;
    long p99;
    if (histogram == null) {
      Percentiles p = new Percentiles(durations, (int) count);
      p50 = p.at(50);
      p95 = p.at(95);
      p99 = p.at(99);
    } else {
      p50 = at(50);
      p95 = at(95);
      p99 = at(99);
    }
    return new CallStats(
        name,
        count,
        errors,
        min,
        p50,
        p95,
        p99,
        max,
        first,
        last,
        confidenceCount == 0 ? null : confidenceSum / confidenceCount,
        confidenceCount);
  }

  private long at(double p) {
    long v = histogram.getValueAtPercentile(p);
    return Math.max(min, Math.min(max, histogram.lowestEquivalentValue(v)));
  }

  /** The group as bytes, for {@link #fromBytes}: counters, then exact samples or histogram. */
  public byte[] toBytes() {
    List<long[]> buckets = new ArrayList<>();
    if (histogram != null) {
      for (HistogramIterationValue v : histogram.recordedValues()) {
        buckets.add(new long[] {v.getValueIteratedTo(), v.getCountAtValueIteratedTo()});
      }
    }
    int samples = histogram == null ? (int) count : 0;
    ByteBuffer b = ByteBuffer.allocate(1 + 9 * 8 + 4 + samples * 8 + 4 + buckets.size() * 16);
    b.put(FORMAT);
    b.putLong(count).putLong(errors).putLong(first).putLong(last).putLong(min).putLong(max);
    b.putDouble(confidenceSum).putLong(confidenceCount).putLong(0);
    b.putInt(samples);
    for (int i = 0; i < samples; i++) {
      b.putLong(durations[i]);
    }
    b.putInt(histogram == null ? -1 : buckets.size());
    for (long[] v : buckets) {
      b.putLong(v[0]).putLong(v[1]);
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
      g.count = b.getLong();
      g.errors = b.getLong();
      g.first = b.getLong();
      g.last = b.getLong();
      g.min = b.getLong();
      g.max = b.getLong();
      g.confidenceSum = b.getDouble();
      g.confidenceCount = b.getLong();
      b.getLong();
      int samples = b.getInt();
      g.durations = new long[Math.max(16, samples)];
      for (int i = 0; i < samples; i++) {
        g.durations[i] = b.getLong();
      }
      int buckets = b.getInt();
      if (buckets >= 0) {
        g.durations = null;
        Histogram h = new Histogram(1, Math.max(2, g.max), DIGITS);
        h.setAutoResize(true);
        for (int i = 0; i < buckets; i++) {
          h.recordValueWithCount(b.getLong(), b.getLong());
        }
        g.histogram = h;
      }
      if (b.hasRemaining() || (buckets < 0 && samples != g.count)) {
        throw new IllegalArgumentException("length does not match");
      }
      return g;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("damaged statistics of " + name + ": " + e, e);
    }
  }
}
