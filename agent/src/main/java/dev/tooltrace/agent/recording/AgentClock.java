/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import java.time.Instant;

/**
 * Wall-clock time anchored once to the monotonic clock: a call's start is {@code anchor + (nanoTime
 * - anchorNanos)}, so every record costs one {@code System.nanoTime()} and durations are monotonic
 * even when the wall clock is adjusted.
 */
final class AgentClock {
  private static final long ANCHOR_EPOCH_NANOS;
  private static final long ANCHOR_NANO_TIME;

  static {
    Instant now = Instant.now();
    ANCHOR_NANO_TIME = System.nanoTime();
    ANCHOR_EPOCH_NANOS = now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private AgentClock() {}

  static long epochNanos(long nanoTime) {
    return ANCHOR_EPOCH_NANOS + (nanoTime - ANCHOR_NANO_TIME);
  }

  static long nowEpochNanos() {
    return epochNanos(System.nanoTime());
  }
}
