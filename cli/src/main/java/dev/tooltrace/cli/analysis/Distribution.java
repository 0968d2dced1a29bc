/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.PackedHistogram;

/**
 * The non-negative values of one measure over a group of calls (durations, CPU time, allocated
 * bytes) in bounded memory, whatever the number of calls. Values are kept exactly for the first
 * {@value #EXACT_SAMPLES} calls (percentiles are then nearest-rank, always an observed value, as
 * {@link Percentiles}); past that they move into an HdrHistogram with three significant digits (a
 * percentile is within 0.1% of an observed value, clamped to the exact minimum and maximum), a few
 * kilobytes per group. Count, minimum, maximum and total are always exact. A distribution can be
 * written to bytes and merged, which is how the persistent index keeps per-tool statistics without
 * keeping a value per call.
 *
 * <p>Two histogram layouts, both HdrHistogram's: values added one by one go into a {@link
 * PackedHistogram} (memory grows with the distinct values seen, so reading a queue with thousands
 * of groups stays small); one read back {@link #read} is a plain {@link Histogram} (a counts array
 * of ~170 KB for durations up to a second), because filling a packed one with a thousand buckets
 * takes tens of milliseconds, which {@code stats} would pay per group.
 */
final class Distribution {
  /** Values kept exactly before the histogram takes over. */
  static final int EXACT_SAMPLES = 4096;

  private static final int DIGITS = 3;

  private long[] exact = new long[16];
  private AbstractHistogram histogram;
  private long count;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;
  private long total;

  long count() {
    return count;
  }

  long total() {
    return total;
  }

  long min() {
    return min;
  }

  long max() {
    return max;
  }

  /** Adds one value (a negative one counts as 0). */
  void record(long value) {
    long v = Math.max(0, value);
    min = Math.min(min, v);
    max = Math.max(max, v);
    total += v;
    if (histogram != null) {
      histogram.recordValue(v);
    } else {
      if (count == exact.length) {
        if (count == EXACT_SAMPLES) {
          toHistogram();
          histogram.recordValue(v);
          count++;
          return;
        }
        exact = Arrays.copyOf(exact, (int) Math.min(count * 2, EXACT_SAMPLES));
      }
      exact[(int) count] = v;
    }
    count++;
  }

  private void toHistogram() {
    histogram = new PackedHistogram(DIGITS);
    for (int i = 0; i < count; i++) {
      histogram.recordValue(exact[i]);
    }
    exact = null;
  }

  /** Adds every value of {@code other}. */
  void addAll(Distribution other) {
    if (other.count == 0) {
      return;
    }
    if (other.histogram != null) {
      if (histogram == null) {
        // Same layout as other's: a copy of a plain histogram is one array copy.
        AbstractHistogram h = other.histogram.copy();
        h.setAutoResize(true);
        for (int i = 0; i < count; i++) {
          h.recordValue(exact[i]);
        }
        histogram = h;
        exact = null;
      } else {
        histogram.add(other.histogram);
      }
      count += other.count;
      min = Math.min(min, other.min);
      max = Math.max(max, other.max);
      total += other.total;
    } else {
      for (int i = 0; i < other.count; i++) {
        record(other.exact[i]);
      }
    }
  }

  /** The p-th percentile, p in (0, 100]; throws when there are no values. */
  long at(double p) {
    if (count == 0) {
      throw new IllegalStateException("no samples");
    }
    if (histogram == null) {
      return new Percentiles(exact, (int) count).at(p);
    }
    long v = histogram.getValueAtPercentile(p);
    return Math.max(min, Math.min(max, histogram.lowestEquivalentValue(v)));
  }

  /** The three percentiles every table shows (one sort of the exact values, not three). */
  long[] p50p95p99() {
    if (histogram == null) {
      Percentiles p = new Percentiles(exact, (int) count);
      return new long[] {p.at(50), p.at(95), p.at(99)};
    }
    return new long[] {at(50), at(95), at(99)};
  }

  /** Bytes {@link #write} takes. */
  int size() {
    return 4 * 8 + 4 + (histogram == null ? (int) count * 8 : 0) + 4 + buckets().size() * 16;
  }

  private List<long[]> buckets() {
    List<long[]> buckets = new ArrayList<>();
    if (histogram != null) {
      for (HistogramIterationValue v : histogram.recordedValues()) {
        buckets.add(new long[] {v.getValueIteratedTo(), v.getCountAtValueIteratedTo()});
      }
    }
    return buckets;
  }

  /** Writes counters, then the exact values or the histogram's buckets, for {@link #read}. */
  void write(ByteBuffer b) {
    b.putLong(count).putLong(min).putLong(max).putLong(total);
    int samples = histogram == null ? (int) count : 0;
    b.putInt(samples);
    for (int i = 0; i < samples; i++) {
      b.putLong(exact[i]);
    }
    List<long[]> buckets = buckets();
    b.putInt(histogram == null ? -1 : buckets.size());
    for (long[] v : buckets) {
      b.putLong(v[0]).putLong(v[1]);
    }
  }

  /** A distribution {@link #write} wrote; throws on damaged bytes. */
  static Distribution read(ByteBuffer b) {
    Distribution d = new Distribution();
    d.count = b.getLong();
    d.min = b.getLong();
    d.max = b.getLong();
    d.total = b.getLong();
    int samples = b.getInt();
    if (samples < 0 || samples > EXACT_SAMPLES) {
      throw new IllegalArgumentException("bad sample count " + samples);
    }
    d.exact = new long[Math.max(16, samples)];
    for (int i = 0; i < samples; i++) {
      d.exact[i] = b.getLong();
    }
    int buckets = b.getInt();
    if (buckets >= 0) {
      d.exact = null;
      Histogram h = new Histogram(1, Math.max(2, d.max), DIGITS);
      h.setAutoResize(true);
      for (int i = 0; i < buckets; i++) {
        h.recordValueWithCount(b.getLong(), b.getLong());
      }
      d.histogram = h;
    } else if (samples != d.count) {
      throw new IllegalArgumentException("length does not match");
    }
    return d;
  }
}
