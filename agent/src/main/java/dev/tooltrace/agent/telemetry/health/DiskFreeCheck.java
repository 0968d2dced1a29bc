/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Enough space is left for the queue (configuration key {@code disk.min.free}). Chronicle maps
 * whole blocks ahead of writing, so running out is abrupt: this turns DOWN while there is still
 * room to react.
 */
public final class DiskFreeCheck implements HealthCheck {
  /** Default of {@code disk.min.free}: 256 MiB. */
  public static final long DEFAULT_MIN_FREE_BYTES = 256L << 20;

  private final DoubleSupplier freeBytes;
  private final long minFreeBytes;

  /**
   * @param freeBytes usable bytes on the queue's file system, NaN when unknown
   */
  public DiskFreeCheck(DoubleSupplier freeBytes, long minFreeBytes) {
    this.freeBytes = freeBytes;
    this.minFreeBytes = minFreeBytes;
  }

  @Override
  public String name() {
    return "disk.free";
  }

  @Override
  public HealthResult check() {
    double free = freeBytes.getAsDouble();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("free_bytes", Double.isNaN(free) ? null : (long) free);
    m.put("min_free_bytes", minFreeBytes);
    if (Double.isNaN(free)) {
      return HealthResult.down("free disk space of the queue's file system is unknown", m);
    }
    if (free < minFreeBytes) {
      return HealthResult.down(
          String.format(
              "only %d MiB free for the queue, below disk.min.free (%d MiB)",
              (long) free >> 20, minFreeBytes >> 20),
          m);
    }
    return HealthResult.up(String.format("%d MiB free for the queue", (long) free >> 20), m);
  }
}
