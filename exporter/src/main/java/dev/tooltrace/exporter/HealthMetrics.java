/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleGauge;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The exporter's own health: records exported, export lag (records and seconds), failed attempts.
 * Lag gauges read values the exporter thread publishes (volatile), never the queue: metric readers
 * run on their own threads and Chronicle tailers are single-threaded.
 */
final class HealthMetrics implements AutoCloseable {
  private final LongCounter exported;
  private final LongCounter failures;
  private final ObservableDoubleGauge lagSeconds;
  private final ObservableLongGauge lagRecords;

  HealthMetrics(Meter meter, DoubleSupplier lagSecondsNow, LongSupplier lagRecordsNow) {
    exported =
        meter
            .counterBuilder(MetricNames.RECORDS_EXPORTED)
            .setUnit("{record}")
            .setDescription("Call records the OTLP backend accepted")
            .build();
    failures =
        meter
            .counterBuilder(MetricNames.EXPORT_FAILURES)
            .setUnit("{attempt}")
            .setDescription("Failed OTLP export attempts (each retry counts)")
            .build();
    lagSeconds =
        meter
            .gaugeBuilder(MetricNames.EXPORT_LAG)
            .setUnit("s")
            .setDescription("Age of the oldest call not yet accepted by the backend")
            .buildWithCallback(m -> m.record(lagSecondsNow.getAsDouble()));
    lagRecords =
        meter
            .gaugeBuilder(MetricNames.EXPORT_LAG_RECORDS)
            .ofLongs()
            .setUnit("{record}")
            .setDescription("Queue documents written but not yet committed as exported")
            .buildWithCallback(m -> m.record(lagRecordsNow.getAsLong()));
  }

  void exported(long n) {
    exported.add(n);
  }

  void failed() {
    failures.add(1);
  }

  @Override
  public void close() {
    lagSeconds.close();
    lagRecords.close();
  }
}
