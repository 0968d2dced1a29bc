/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exporter is not stuck: its lag stays within {@code health.export.max.lag}. A single failed
 * batch does not turn this DOWN (the exporter retries and the queue keeps the data); a backend that
 * stays unreachable does, once the oldest undelivered record is older than the threshold.
 */
public final class ExportLagCheck implements HealthCheck {
  /** Default of {@code health.export.max.lag}. */
  public static final Duration DEFAULT_MAX_LAG = Duration.ofMinutes(5);

  private final ExportProgress progress;
  private final Duration maxLag;

  public ExportLagCheck(ExportProgress progress, Duration maxLag) {
    this.progress = progress;
    this.maxLag = maxLag;
  }

  @Override
  public String name() {
    return "export.lag";
  }

  @Override
  public HealthResult check() {
    double lag = progress.lagSeconds();
    long pending = progress.pendingRecords();
    String error = progress.lastError();
    double max = maxLag.toMillis() / 1000.0;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lag_seconds", lag);
    m.put("max_lag_seconds", max);
    m.put("pending_records", pending);
    if (error != null) {
      m.put("last_error", error);
    }
    if (lag > max) {
      return HealthResult.down(
          String.format(
              "exporter is %.0f s behind, more than health.export.max.lag (%.0f s)%s",
              lag, max, error == null ? "" : "; last error: " + error),
          m);
    }
    return HealthResult.up(String.format("exporter is %.1f s behind", lag), m);
  }
}
