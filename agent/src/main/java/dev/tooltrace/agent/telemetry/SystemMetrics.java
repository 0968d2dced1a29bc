/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry;

import dev.tooltrace.exporter.MetricNames;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * The process's and machine's resource use as observable gauges, read from a {@link SystemProbe} at
 * collection time (a scrape of {@code /metrics}), so nothing runs between scrapes. Instrument names
 * follow OpenTelemetry's semantic conventions where one exists; see {@link #NAMES} for the
 * Prometheus series they become (unit "1" adds no suffix with opentelemetry-exporter-prometheus
 * 1.66; "By" adds {@code _bytes}). CPU utilisation needs two readings, so {@code
 * system_cpu_utilization} appears from the second collection on.
 */
public final class SystemMetrics implements AutoCloseable {
  static final AttributeKey<String> MEMORY_TYPE = AttributeKey.stringKey("jvm.memory.type");

  /** Instrument name → Prometheus series name (checked by a test against a real scrape). */
  public static final String[][] NAMES = {
    {MetricNames.PROCESS_CPU_UTILIZATION, "process_cpu_utilization"},
    {MetricNames.SYSTEM_CPU_UTILIZATION, "system_cpu_utilization"},
    {MetricNames.PROCESS_MEMORY_USAGE, "process_memory_usage_bytes"},
    {MetricNames.JVM_MEMORY_USED, "jvm_memory_used_bytes"},
    {MetricNames.JVM_MEMORY_LIMIT, "jvm_memory_limit_bytes"},
    {MetricNames.SYSTEM_MEMORY_USAGE, "system_memory_usage_bytes"},
    {MetricNames.SYSTEM_MEMORY_LIMIT, "system_memory_limit_bytes"},
    {MetricNames.QUEUE_DISK_FREE, "tooltrace_queue_disk_free_bytes"},
    {MetricNames.QUEUE_DISK_SIZE, "tooltrace_queue_disk_size_bytes"},
    {MetricNames.QUEUE_SIZE, "tooltrace_queue_size_bytes"},
  };

  private final List<AutoCloseable> registrations = new ArrayList<>();

  private SystemMetrics() {}

  /** Registers every gauge on {@code meter}; close the result to unregister them. */
  public static SystemMetrics register(Meter meter, Path queueDir, Consumer<String> log) {
    SystemProbe p = new SystemProbe(queueDir, log);
    SystemMetrics m = new SystemMetrics();
    Attributes heap = Attributes.of(MEMORY_TYPE, "heap");
    m.gauge(
        meter,
        MetricNames.PROCESS_CPU_UTILIZATION,
        "1",
        "CPU used by this process, share of all CPUs",
        p::processCpuUtilization,
        Attributes.empty());
    m.gauge(
        meter,
        MetricNames.SYSTEM_CPU_UTILIZATION,
        "1",
        "CPU used by the whole machine",
        p::systemCpuUtilization,
        Attributes.empty());
    m.gauge(
        meter,
        MetricNames.PROCESS_MEMORY_USAGE,
        "By",
        "Resident set size of this process",
        p::processRss,
        Attributes.empty());
    m.gauge(meter, MetricNames.JVM_MEMORY_USED, "By", "JVM heap in use", p::heapUsed, heap);
    m.gauge(meter, MetricNames.JVM_MEMORY_LIMIT, "By", "JVM heap limit", p::heapMax, heap);
    m.gauge(
        meter,
        MetricNames.SYSTEM_MEMORY_USAGE,
        "By",
        "Memory in use on the machine",
        p::systemMemoryUsed,
        Attributes.empty());
    m.gauge(
        meter,
        MetricNames.SYSTEM_MEMORY_LIMIT,
        "By",
        "Physical memory of the machine",
        p::systemMemoryTotal,
        Attributes.empty());
    m.gauge(
        meter,
        MetricNames.QUEUE_DISK_FREE,
        "By",
        "Usable space on the file system that holds the queue",
        p::diskFree,
        Attributes.empty());
    m.gauge(
        meter,
        MetricNames.QUEUE_DISK_SIZE,
        "By",
        "Size of the file system that holds the queue",
        p::diskTotal,
        Attributes.empty());
    m.gauge(
        meter,
        MetricNames.QUEUE_SIZE,
        "By",
        "Bytes of queue data files on disk",
        p::queueSize,
        Attributes.empty());
    return m;
  }

  private void gauge(
      Meter meter,
      String name,
      String unit,
      String description,
      DoubleSupplier value,
      Attributes attributes) {
    registrations.add(
        meter
            .gaugeBuilder(name)
            .setUnit(unit)
            .setDescription(description)
            .buildWithCallback((ObservableDoubleMeasurement o) -> record(o, value, attributes)));
  }

  private static void record(ObservableDoubleMeasurement o, DoubleSupplier value, Attributes a) {
    double v = value.getAsDouble();
    if (!Double.isNaN(v)) {
      // An absent series tells Prometheus "unknown"; NaN would be plotted and alerted on.
      o.record(v, a);
    }
  }

  @Override
  public void close() {
    for (AutoCloseable r : registrations) {
      try {
        r.close();
      } catch (Exception e) {
        // ObservableDoubleGauge.close() declares no checked exception; nothing to report.
      }
    }
    registrations.clear();
  }
}
