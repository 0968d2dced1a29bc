/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import java.time.Duration;

/** Exponential retry delay: initial, doubled per consecutive failure, capped. */
final class Backoff {
  private final long initialNanos;
  private final long maxNanos;

  Backoff(Duration initial, Duration max) {
    this.initialNanos = initial.toNanos();
    this.maxNanos = Math.max(initialNanos, max.toNanos());
  }

  /** The delay after the {@code failures}-th consecutive failure (1-based). */
  long delayNanos(int failures) {
    int shift = Math.min(Math.max(failures - 1, 0), 30);
    long d = initialNanos << shift;
    return d <= 0 || d > maxNanos ? maxNanos : d;
  }
}
