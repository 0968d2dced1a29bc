/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry;

import dev.tooltrace.agent.config.Config;
import dev.tooltrace.agent.config.Keys;
import dev.tooltrace.agent.http.AgentHttpServer;
import dev.tooltrace.agent.log.AgentLog;
import dev.tooltrace.agent.recording.QueueWriter;
import dev.tooltrace.agent.telemetry.health.DiskFreeCheck;
import dev.tooltrace.agent.telemetry.health.ExportLagCheck;
import dev.tooltrace.agent.telemetry.health.ExportProgress;
import dev.tooltrace.agent.telemetry.health.HealthRegistry;
import dev.tooltrace.agent.telemetry.health.HealthRegistry.Group;
import dev.tooltrace.agent.telemetry.health.QueueWritableCheck;
import dev.tooltrace.agent.telemetry.health.ThreadsAliveCheck;
import dev.tooltrace.exporter.ExportStatus;
import dev.tooltrace.record.Buf;
import dev.tooltrace.record.Encoder;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Wires the agent's observability from its configuration: the meter provider with system and agent
 * metrics, the health checks, the HTTP endpoint ({@code http.*}) and the system sampler ({@code
 * sample.interval}) that appends SAMPLE documents to the queue. Each part that fails to start costs
 * one log line; the others, and the application, go on.
 */
public final class TelemetryServices implements AutoCloseable {
  private static final AgentLog.Component LOG = AgentLog.of("http");
  private static final AgentLog.Component SAMPLE_LOG = AgentLog.of("sample");

  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private MeterSetup meters;
  private SystemMetrics systemMetrics;
  private AgentMetrics agentMetrics;
  private AgentHttpServer http;
  private SystemSampler sampler;
  private PrometheusMetricReader exporterReader;

  private TelemetryServices() {}

  /**
   * @param runHi high half of this run's id (SAMPLE documents carry it)
   * @param service the service name, for {@code target_info} (service_name label)
   * @param exportStatus the exporter's state; may return null while it is not running
   */
  public static TelemetryServices start(
      Config config,
      QueueWriter writer,
      long runHi,
      long runLo,
      String service,
      Supplier<ExportStatus> exportStatus) {
    TelemetryServices t = new TelemetryServices();
    try {
      Resource resource =
          Resource.getDefault()
              .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)));
      t.meters = MeterSetup.create(resource, List.of(), null);
      t.systemMetrics = SystemMetrics.register(t.meters.meter(), writer.dir(), LOG::warn);
      // Exported records and export lag come from the exporter's own instruments.
      t.agentMetrics =
          AgentMetrics.register(
              t.meters.meter(),
              new AgentMetrics.Sources(writer::written, null, writer::dropped, null, null));
    } catch (Throwable e) {
      LOG.warn("metrics are off: " + e);
    }
    Duration interval = config.get(Keys.SAMPLE_INTERVAL);
    if (!interval.isZero() && !interval.isNegative()) {
      try {
        t.sampler = new SystemSampler(writer.dir(), SAMPLE_LOG::warn);
        t.threads.add(
            t.sampler.start(
                interval,
                (at, names, values) -> {
                  Buf b = new Buf(512);
                  Encoder.sample(b, runHi, runLo, at, names, values);
                  writer.appendFromAgent(b);
                }));
      } catch (Throwable e) {
        SAMPLE_LOG.warn("system sampling is off: " + e);
      }
    }
    if (config.get(Keys.HTTP_ENABLED)) {
      try {
        HealthRegistry health =
            new HealthRegistry()
                .register(Group.LIVENESS, new ThreadsAliveCheck(() -> t.threads))
                .register(Group.READINESS, new QueueWritableCheck(writer.dir()))
                .register(
                    Group.READINESS,
                    new DiskFreeCheck(
                        new SystemProbe(writer.dir(), LOG::warn)::diskFree,
                        config.get(Keys.DISK_MIN_FREE)))
                .register(
                    Group.READINESS,
                    new ExportLagCheck(
                        progress(exportStatus), config.get(Keys.HEALTH_EXPORT_MAX_LAG)));
        t.http =
            new AgentHttpServer(
                config.get(Keys.HTTP_HOST),
                config.get(Keys.HTTP_PORT),
                health,
                t.meters == null ? null : t.meters.prometheusReader(),
                LOG::info);
        if (!t.http.start()) {
          t.http = null;
        }
      } catch (Throwable e) {
        LOG.warn("HTTP endpoint disabled: " + e);
        t.http = null;
      }
    }
    return t;
  }

  private static ExportProgress progress(Supplier<ExportStatus> status) {
    return new ExportProgress() {
      @Override
      public double lagSeconds() {
        ExportStatus s = status.get();
        return s == null ? 0 : s.lagSeconds();
      }

      @Override
      public long pendingRecords() {
        ExportStatus s = status.get();
        return s == null ? -1 : s.lagRecords();
      }

      @Override
      public String lastError() {
        ExportStatus s = status.get();
        return s == null || !s.failing() ? null : s.lastError();
      }
    };
  }

  /**
   * A reader for the exporter's meter provider (per-tool and export metrics), served by {@code
   * /metrics} too; null when the endpoint is off. Pass it to {@code
   * ExportSettings.Builder.metricReader}. Each call replaces the previous reader (an exporter that
   * failed to start and is retried must not leave a dead reader behind).
   */
  public synchronized PrometheusMetricReader exporterReader() {
    if (http == null) {
      return null;
    }
    if (exporterReader != null) {
      http.removeMetricReader(exporterReader);
    }
    exporterReader = PrometheusMetricReader.create();
    http.addMetricReader(exporterReader);
    return exporterReader;
  }

  /** The endpoint's port, or -1 when it is off. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  @Override
  public void close() {
    for (AutoCloseable c :
        new AutoCloseable[] {http, sampler, agentMetrics, systemMetrics, meters}) {
      if (c != null) {
        try {
          c.close();
        } catch (Throwable e) {
          LOG.warn("closing " + c.getClass().getSimpleName() + ": " + e);
        }
      }
    }
  }
}
