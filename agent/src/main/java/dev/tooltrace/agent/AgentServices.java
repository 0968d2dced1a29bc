/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent;

import dev.tooltrace.agent.audit.Sealer;
import dev.tooltrace.agent.backup.BackupService;
import dev.tooltrace.agent.config.Config;
import dev.tooltrace.agent.config.Keys;
import dev.tooltrace.agent.http.AgentHttpServer;
import dev.tooltrace.agent.log.AgentLog;
import dev.tooltrace.agent.recording.QueueWriter;
import dev.tooltrace.agent.recording.Recorder;
import dev.tooltrace.agent.telemetry.AgentMetrics;
import dev.tooltrace.agent.telemetry.MeterSetup;
import dev.tooltrace.agent.telemetry.SystemMetrics;
import dev.tooltrace.agent.telemetry.SystemSampler;
import dev.tooltrace.agent.telemetry.ToolStatsProducer;
import dev.tooltrace.agent.telemetry.health.AgentHealth;
import dev.tooltrace.agent.telemetry.health.ExportProgress;
import dev.tooltrace.agent.telemetry.health.HealthRegistry;
import dev.tooltrace.agent.telemetry.health.QueueWritableCheck;
import dev.tooltrace.exporter.CollectorAddress;
import dev.tooltrace.exporter.ExportPipeline;
import dev.tooltrace.exporter.ExportSettings;
import dev.tooltrace.exporter.ExportStatus;
import dev.tooltrace.record.Buf;
import dev.tooltrace.record.Encoder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agent's background work, all on daemon threads of its own and started off the premain thread
 * (the application starts while they initialise): queue housekeeping (disk checks, reopening after
 * a problem, appending the batches of idle threads), the OTLP export pipeline, the HTTP endpoint
 * (health, /metrics), the per-tool metrics (counted by the recorder on the calling threads, handed
 * to every metric reader by a {@link ToolStatsProducer}), system metrics and evidence sampling.
 *
 * <p>{@link #stop} never waits for a backend: a start-up still in progress at exit (a short job)
 * finishes only its current step, and an exporter that cannot reach its collector leaves what it
 * did not send in the queue.
 */
final class AgentServices {
  private static final AgentLog.Component LOG = AgentLog.of("agent");
  private static final AgentLog.Component EXPORT_LOG = AgentLog.of("export");
  private static final AgentLog.Component HTTP_LOG = AgentLog.of("http");

  private final Config config;
  private final QueueWriter writer;
  private final Recorder recorder;
  private final String service;
  private final long runHi;
  private final long runLo;
  private final ToolStatsProducer toolStats;

  /**
   * Set once by {@link #stop}: steps not yet run never run; a step in progress is not waited for.
   */
  private volatile boolean stopping;

  private final List<Thread> agentThreads = new CopyOnWriteArrayList<>();
  private volatile ScheduledExecutorService scheduler;

  /** Set once every start-up step ran: from then on the housekeeper may retry a failed export. */
  private volatile boolean started;

  private volatile ExportPipeline export;
  private volatile PrometheusMetricReader prometheus;
  private volatile AgentHttpServer http;
  private volatile SystemSampler sampler;
  private volatile SdkMeterProvider fallbackMeters;
  private volatile boolean metricsRegistered;
  private final BackupService backup; // backup + retention (issue 8)
  private final Object closing = new Object();

  /**
   * The last attempt to start the exporter failed (and was reported); the housekeeper retries, the
   * exit does not.
   */
  private volatile boolean exportFailed;

  /** The exit went on without an exporter still being built (no collector listened). */
  private volatile boolean leftBehind;

  /** Where the traces go, known before the exporter is built; null when it cannot be told. */
  private volatile InetSocketAddress collector;

  /** How long the exit waits to learn whether a collector listens. */
  private static final Duration COLLECTOR_PROBE_TIMEOUT = Duration.ofMillis(250);

  private final Sealer sealer;

  AgentServices(
      Config config,
      QueueWriter writer,
      Recorder recorder,
      String service,
      long runHi,
      long runLo,
      long startEpochNanos,
      Sealer sealer) {
    this.config = config;
    this.writer = writer;
    this.recorder = recorder;
    this.service = service;
    this.runHi = runHi;
    this.runLo = runLo;
    this.sealer = sealer;
    this.backup = new BackupService(config, writer, sealer::sealGap);
    String version = AgentServices.class.getPackage().getImplementationVersion();
    this.toolStats =
        new ToolStatsProducer(
            recorder::toolStats, startEpochNanos, version == null ? "dev" : version);
  }

  /**
   * Starts the housekeeper, then the services one after the other on the calling thread (the
   * agent's init thread), unless {@link #stop} came first.
   */
  void start() {
    synchronized (this) {
      if (stopping) {
        return;
      }
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "tooltrace-housekeeper");
                t.setDaemon(true);
                t.setContextClassLoader(AgentServices.class.getClassLoader());
                agentThreads.add(t);
                return t;
              });
      scheduler.scheduleWithFixedDelay(
          this::flushIdle,
          Recorder.FLUSH_INTERVAL_MILLIS,
          Recorder.FLUSH_INTERVAL_MILLIS,
          TimeUnit.MILLISECONDS);
      scheduler.scheduleWithFixedDelay(this::housekeeping, 1, 1, TimeUnit.SECONDS);
    }
    startServices();
  }

  private void flushIdle() {
    try {
      recorder.flushIdle();
    } catch (Throwable t) {
      LOG.warn("appending idle batches failed: " + t);
    }
  }

  /**
   * Each step runs only if the agent is not stopping; {@link #stop} does not wait for the current.
   */
  private void startServices() {
    step(this::startHttp);
    if (exporting()) {
      step(this::startExport);
    }
    step(this::registerMetrics);
    step(backup::start);
    step(this::startSampler);
    started = true;
  }

  private void step(Runnable r) {
    synchronized (this) {
      if (!stopping) {
        r.run();
      }
    }
    if (stopping) {
      // stop() came while this step ran and did not wait for it: close what it started.
      closeServices();
    }
  }

  private boolean exporting() {
    return "otlp".equals(config.get(Keys.EXPORT));
  }

  private void startHttp() {
    if (config.get(Keys.HTTP_ENABLED)) {
      try {
        prometheus = PrometheusMetricReader.create();
        AgentHttpServer server =
            new AgentHttpServer(
                config.get(Keys.HTTP_HOST),
                config.get(Keys.HTTP_PORT),
                healthChecks(),
                prometheus,
                HTTP_LOG::info);
        if (server.start()) {
          http = server;
        }
      } catch (Throwable t) {
        LOG.warn("cannot start the HTTP endpoint: " + t + "; health and /metrics are off");
      }
    }
  }

  private void startSampler() {
    Duration interval = config.get(Keys.SAMPLE_INTERVAL);
    if (!interval.isZero()) {
      try {
        SystemSampler s = new SystemSampler(writer.dir(), LOG::info);
        agentThreads.add(s.start(interval, this::writeSample));
        sampler = s;
      } catch (Throwable t) {
        LOG.warn("cannot start system sampling: " + t + "; no resource evidence is recorded");
      }
    }
  }

  private void writeSample(long epochNanos, String[] names, double[] values) {
    Buf b = new Buf(64 + names.length * 40);
    Encoder.sample(b, runHi, runLo, epochNanos, names, values);
    writer.appendFromAgent(b);
  }

  private HealthRegistry healthChecks() {
    boolean exporting = exporting();
    return AgentHealth.registry(
        new AgentHealth.Sources(
            () -> agentThreads,
            writer.dir(),
            new QueueWritableCheck.QueueState() {
              @Override
              public String problem() {
                return writer.accepting() ? null : String.valueOf(writer.problem());
              }

              @Override
              public Map<String, Object> measurements() {
                return Map.of(
                    "records.written",
                    writer.written(),
                    "records.dropped",
                    writer.dropped(),
                    "queue.size.bytes",
                    writer.queueBytes());
              }
            },
            () -> writer.freeBytes(),
            config.get(Keys.DISK_MIN_FREE),
            backup.backupEnabled() ? backup.healthCheck() : null,
            exporting ? exportProgress() : null,
            config.get(Keys.HEALTH_EXPORT_MAX_LAG)));
  }

  /** The running exporter's progress as the export-lag check reads it. */
  private ExportProgress exportProgress() {
    return new ExportProgress() {
      @Override
      public double lagSeconds() {
        ExportStatus s = exportStatus();
        return s == null ? 0 : s.lagSeconds();
      }

      @Override
      public long pendingRecords() {
        ExportStatus s = exportStatus();
        return s == null ? -1 : s.lagRecords();
      }

      @Override
      public String lastError() {
        ExportStatus s = exportStatus();
        return s == null || !s.failing() ? null : s.lastError();
      }
    };
  }

  /** The exporter's settings: cheap (nothing is built or connected). */
  private ExportSettings exportSettings() {
    PrometheusMetricReader p = prometheus;
    ExportSettings.Builder b =
        ExportSettings.builder()
            .queue(writer.queue())
            .otlp(true)
            .toolMetrics(false)
            .maxBatchCalls(config.get(Keys.EXPORT_BATCH))
            .closeTimeout(Duration.ofSeconds(2))
            .qualityThresholds(config.get(Keys.CONFIDENCE_HIGH), config.get(Keys.CONFIDENCE_MEDIUM))
            .otelProperty("otel.service.name", service)
            .meterCustomizer(
                mb -> {
                  MeterSetup.addViews(mb);
                  mb.registerMetricProducer(toolStats);
                  if (p != null && fallbackMeters == null) {
                    mb.registerMetricReader(p);
                  }
                })
            .logger(EXPORT_LOG::info);
    List<String> optIn = config.get(Keys.SEMCONV_OPT_IN);
    if (!optIn.isEmpty()) {
      // Above OTEL_SEMCONV_STABILITY_OPT_IN, as every tooltrace key is above the environment.
      b.otelProperty(ExportSettings.SEMCONV_OPT_IN_PROPERTY, String.join(",", optIn));
    }
    return b.build();
  }

  private synchronized void startExport() {
    if (export != null || writer.queue() == null) {
      return;
    }
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(AgentServices.class.getClassLoader());
    try {
      ExportSettings settings = exportSettings();
      collector = CollectorAddress.ofTraces(settings);
      export = ExportPipeline.start(settings);
      exportFailed = false;
      agentThreads.add(export.thread());
    } catch (Throwable t) {
      if (leftBehind) {
        return; // the queue closed under a build the exit did not wait for: nothing to report
      }
      exportFailed = true;
      LOG.warn(
          "cannot start the exporter: "
              + t
              + "; records stay in the queue and can be"
              + " exported later with `java -jar tooltrace-agent.jar export --dir "
              + writer.dir()
              + "`");
    } finally {
      current.setContextClassLoader(previous);
    }
  }

  /** System and agent instruments, on the exporter's meter provider (or a fallback one). */
  private synchronized void registerMetrics() {
    if (metricsRegistered) {
      return;
    }
    try {
      Meter meter;
      ExportPipeline e = export;
      if (e != null) {
        meter = e.meterProvider().get(MeterSetup.SCOPE);
      } else {
        var mb = SdkMeterProvider.builder();
        MeterSetup.addViews(mb);
        mb.registerMetricProducer(toolStats);
        if (prometheus != null) {
          mb.registerMetricReader(prometheus);
        }
        fallbackMeters = mb.build();
        meter = fallbackMeters.get(MeterSetup.SCOPE);
      }
      SystemMetrics.register(meter, writer.dir(), LOG::info);
      AgentMetrics.register(
          meter, new AgentMetrics.Sources(writer::written, null, writer::dropped, null, null));
      backup.registerMetrics(meter);
      metricsRegistered = true;
    } catch (Throwable t) {
      LOG.warn("cannot register the agent's metrics: " + t);
    }
  }

  private void housekeeping() {
    try {
      writer.check();
      sealer.sealRolls();
      if (started && export == null && exporting()) {
        step(this::startExport);
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

  /** The bound HTTP port, or -1. */
  int httpPort() {
    AgentHttpServer h = http;
    return h == null ? -1 : h.port();
  }

  /**
   * Stops everything started so far. The exporter decides how long the exit takes: when it is not
   * running yet (a short job ends while the OpenTelemetry SDK and an HTTP client are still being
   * built, most of a second here), the exit asks whether a collector listens at the traces endpoint
   * (a TCP connect, at most 250 ms). If one does, the exporter is built (or its build waited for)
   * and closed, which sends what the run recorded up to the close timeout; if none does, the exit
   * goes on without it — a collector that is not there is never waited for (issue 16) — and the
   * queue keeps the records for the next run or {@code export}. A step still in progress then
   * closes what it started itself ({@link #step}), if the JVM has not halted first; steps not yet
   * run never do. The housekeeper is stopped without waiting: the shutdown hook appends the last
   * batches itself.
   */
  void stop() {
    stopping = true;
    if (exporting() && export == null && !exportFailed && collectorListening()) {
      // A collector is there: wait for the exporter being built, or build it now, so that closing
      // it sends what the run recorded (up to the close timeout).
      synchronized (this) {
        startExport();
      }
    } else {
      leftBehind = true;
    }
    closeServices();
  }

  /** Whether the traces endpoint accepts a connection (when it cannot be told: yes). */
  private boolean collectorListening() {
    if (writer.queue() == null) {
      return false;
    }
    InetSocketAddress a = collector;
    try {
      if (a == null) {
        a = CollectorAddress.ofTraces(exportSettings());
      }
    } catch (Throwable t) {
      return true;
    }
    return a == null || CollectorAddress.listening(a, COLLECTOR_PROBE_TIMEOUT);
  }

  /** Closes every service started so far; safe to call again, from any thread. */
  private void closeServices() {
    synchronized (closing) {
      ScheduledExecutorService s = scheduler;
      if (s != null) {
        s.shutdownNow();
      }
      backup.stop();
      closeQuietly(sampler);
      sampler = null;
      closeQuietly(export);
      export = null;
      closeQuietly(http);
      http = null;
      closeQuietly(fallbackMeters);
      fallbackMeters = null;
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Throwable t) {
        LOG.warn("closing " + c.getClass().getSimpleName() + ": " + t);
      }
    }
  }
}
