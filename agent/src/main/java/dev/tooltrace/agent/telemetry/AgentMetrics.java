/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry;

import dev.tooltrace.exporter.MetricNames;
import io.opentelemetry.api.metrics.Meter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The agent's own health as metrics (see the metric-name table in ARCHITECTURE.md): records
 * written, exported and dropped, and how far the exporter lags. The counters live where the work
 * happens (recording, exporter); this class only observes them at collection time, so the hot path
 * never touches an OpenTelemetry instrument.
 */
public final class AgentMetrics implements AutoCloseable {
  private final List<AutoCloseable> registrations = new ArrayList<>();

  private AgentMetrics() {}

  /** What the agent reports; any supplier may be {@code null} when that part is not running. */
  public record Sources(
      LongSupplier recordsWritten,
      LongSupplier recordsExported,
      LongSupplier recordsDropped,
      DoubleSupplier exportLagSeconds,
      LongSupplier exportLagRecords) {}

  public static AgentMetrics register(Meter meter, Sources s) {
    AgentMetrics m = new AgentMetrics();
    m.counter(
        meter, MetricNames.RECORDS_WRITTEN, "Records appended to the queue", s.recordsWritten());
    m.counter(
        meter, MetricNames.RECORDS_EXPORTED, "Records the backend accepted", s.recordsExported());
    m.counter(
        meter,
        MetricNames.RECORDS_DROPPED,
        "Records lost (queue full, unwritable, or rejected by the backend)",
        s.recordsDropped());
    if (s.exportLagSeconds() != null) {
      DoubleSupplier lag = s.exportLagSeconds();
      m.registrations.add(
          meter
              .gaugeBuilder(MetricNames.EXPORT_LAG)
              .setUnit("s")
              .setDescription("Age of the oldest record not yet accepted by the backend")
              .buildWithCallback(o -> o.record(lag.getAsDouble())));
    }
    if (s.exportLagRecords() != null) {
      LongSupplier lag = s.exportLagRecords();
      m.registrations.add(
          meter
              .gaugeBuilder(MetricNames.EXPORT_LAG_RECORDS)
              .ofLongs()
              .setUnit("{record}")
              .setDescription("Records in the queue not yet accepted by the backend")
              .buildWithCallback(o -> o.record(lag.getAsLong())));
    }
    return m;
  }

  private void counter(Meter meter, String name, String description, LongSupplier value) {
    if (value == null) {
      return;
    }
    registrations.add(
        meter
            .counterBuilder(name)
            .setUnit("{record}")
            .setDescription(description)
            .buildWithCallback(o -> o.record(value.getAsLong())));
  }

  @Override
  public void close() {
    for (AutoCloseable r : registrations) {
      try {
        r.close();
      } catch (Exception e) {
        // Observable instruments' close() throws nothing checked.
      }
    }
    registrations.clear();
  }
}
