/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent;

import dev.tooltrace.agent.config.Config;
import dev.tooltrace.agent.config.Keys;
import dev.tooltrace.agent.log.AgentLog;
import dev.tooltrace.agent.recording.QueueWriter;
import dev.tooltrace.agent.recording.Recorder;
import dev.tooltrace.agent.telemetry.TelemetryServices;
import dev.tooltrace.exporter.ExportPipeline;
import dev.tooltrace.exporter.ExportSettings;
import dev.tooltrace.exporter.ExportStatus;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agent's background work, all on daemon threads of its own: queue housekeeping (disk
 * checks, reopening after a problem), the export pipeline (which also feeds the per-tool
 * metrics), the HTTP endpoint and system sampling.
 */
final class AgentServices {
  private static final AgentLog.Component LOG = AgentLog.of("agent");
  private static final AgentLog.Component EXPORT_LOG = AgentLog.of("export");

  private final Config config;
  private final QueueWriter writer;
  private final Recorder recorder;
  private final String runId;
  private final String service;
  private final long runIndex;
  private ScheduledExecutorService scheduler;
  private volatile ExportPipeline export;
  private volatile TelemetryServices telemetry;

  AgentServices(Config config, QueueWriter writer, Recorder recorder, String runId,
      String service, long runIndex) {
    this.runIndex = runIndex;
    this.config = config;
    this.writer = writer;
    this.recorder = recorder;
    this.runId = runId;
    this.service = service;
  }

  void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tooltrace-housekeeper");
      t.setDaemon(true);
      t.setContextClassLoader(AgentServices.class.getClassLoader());
      return t;
    });
    scheduler.execute(this::startTelemetry);
    // Off the premain thread: the application starts while the exporter initialises.
    scheduler.execute(this::startExport);
    scheduler.scheduleWithFixedDelay(this::housekeeping, 1, 1, TimeUnit.SECONDS);
  }

  private void startTelemetry() {
    try {
      telemetry = TelemetryServices.start(config, writer,
          Long.parseUnsignedLong(runId.substring(0, 16), 16),
          Long.parseUnsignedLong(runId.substring(16), 16), service, this::exportStatus);
    } catch (Throwable t) {
      LOG.warn("health, /metrics and system sampling are off: " + t);
    }
  }

  private void startExport() {
    if (export != null || writer.queue() == null) {
      return;
    }
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(AgentServices.class.getClassLoader());
    try {
      ExportSettings.Builder b = ExportSettings.builder()
          .queue(writer.queue())
          .otlp("otlp".equals(config.get(Keys.EXPORT)))
          .maxBatchCalls(config.get(Keys.EXPORT_BATCH))
          .metricsFromIndex(runIndex)
          .closeTimeout(Duration.ofSeconds(2))
          .qualityThresholds(config.get(Keys.CONFIDENCE_HIGH), config.get(Keys.CONFIDENCE_MEDIUM))
          .otelProperty("otel.service.name", service)
          .logger(EXPORT_LOG::info);
      TelemetryServices tel = telemetry;
      PrometheusMetricReader prometheus = tel == null ? null : tel.exporterReader();
      if (prometheus != null) {
        b.metricReader(prometheus);
      }
      export = ExportPipeline.start(b.build());
    } catch (Throwable t) {
      LOG.warn("cannot start the exporter: " + t + "; records stay in the queue and can be"
          + " exported later with `java -jar tooltrace-agent.jar export --dir " + writer.dir()
          + "`");
    } finally {
      current.setContextClassLoader(previous);
    }
  }

  private void housekeeping() {
    try {
      writer.check();
      if (export == null) {
        startExport();
      }
    } catch (Throwable t) {
      LOG.warn("housekeeping failed: " + t);
    }
  }

  /** The exporter's state, or null when it is not running. */
  ExportStatus exportStatus() {
    ExportPipeline e = export;
    return e == null ? null : e.status();
  }

  void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    TelemetryServices tel = telemetry;
    if (tel != null) {
      tel.close();
    }
    ExportPipeline e = export;
    if (e != null) {
      try {
        e.close();
      } catch (Throwable t) {
        LOG.warn("closing the exporter: " + t);
      }
    }
  }
}
