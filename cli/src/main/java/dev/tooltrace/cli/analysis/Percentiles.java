/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import java.util.Arrays;

/**
 * Nearest-rank percentiles: the p-th percentile of n sorted samples is the sample at rank
 * ceil(p/100 * n). Always an observed value (never interpolated), so "p99 = 12 ms" means a call
 * really took 12 ms; with few samples the high percentiles equal the maximum.
 */
public final class Percentiles {
  private final long[] sorted;

  /** Percentiles of the first {@code n} of {@code samples} (which are not modified). */
  public Percentiles(long[] samples, int n) {
    this.sorted = Arrays.copyOf(samples, n);
    Arrays.sort(this.sorted);
  }

  public int count() {
    return sorted.length;
  }

  /** The nearest-rank percentile for {@code p} in (0, 100]; throws when there are no samples. */
  public long at(double p) {
    if (sorted.length == 0) {
      throw new IllegalStateException("no samples");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(1, rank) - 1];
  }

  public long min() {
    return sorted[0];
  }

  public long max() {
    return sorted[sorted.length - 1];
  }
}
