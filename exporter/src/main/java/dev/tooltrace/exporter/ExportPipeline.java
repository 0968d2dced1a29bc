/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import dev.tooltrace.record.QueueFiles;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.autoconfigure.ResourceConfiguration;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Drains a tooltrace queue to OTLP with at-least-once delivery: read a batch after the committed
 * index, send its spans and error logs, and only when the backend accepted them store the index
 * after the batch in the queue ({@link CommittedIndex}). A failed batch is retried as is, with
 * exponential backoff, while the application keeps appending; a restarted pipeline re-sends at most
 * the one batch that was in flight.
 *
 * <p>Two ways to run it: {@link #start} gives a daemon thread (inside the agent); {@link #open}
 * gives a pipeline the caller drives with {@link #drainOnce} or {@link #runUntilDrained} (the
 * standalone {@code export} command). Either way a pipeline is used by one thread at a time:
 * Chronicle tailers are single-threaded. {@link #status} may be called from any thread.
 */
public final class ExportPipeline implements AutoCloseable {
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final ExportSettings settings;
  private MeterProvider meterProviderInUse;
  private final SingleChronicleQueue queue;
  private final boolean ownsQueue;
  private final OtlpExporters exporters;
  private final SdkMeterProvider ownMeterProvider;
  private final HealthMetrics health;
  private final BatchReader reader;
  private final CommittedIndex committed;
  private final StateLog state;
  private final Backoff backoff;
  private final Duration exportTimeout;
  private final SdkLogSilencer silencer;

  private Batch pending;
  private Thread thread;
  private volatile boolean stopping;
  private volatile boolean released;
  private final Object sleeper = new Object();

  // Published for status() and the gauges, written by the exporting thread only.
  private volatile long exportedCalls;
  private volatile long committedIndex;
  private volatile long lagRecords;
  private volatile long oldestPendingEndNanos;
  private volatile long lastSuccessMillis;
  private volatile String lastError;

  private ExportPipeline(ExportSettings s) {
    this.settings = s;
    this.state = new StateLog(s.logger);
    this.backoff = new Backoff(s.initialBackoff, s.maxBackoff);
    this.silencer = s.quietSdkLogs ? SdkLogSilencer.silence() : null;
    // The queue first: a bad directory fails before any exporter or thread exists.
    if (s.queue != null) {
      this.queue = s.queue;
      this.ownsQueue = false;
    } else {
      this.queue = QueueFiles.openForReading(s.queueDir);
      this.ownsQueue = true;
    }
    ConfigProperties config = OtelConfig.create(s);
    this.exportTimeout = config.getDuration("otel.exporter.otlp.timeout", Duration.ofSeconds(10));
    // Attributes only, no entity merging: the SDK warns on every merge that changes an
    // entity's attribute (service.name), and each run has its own.
    Resource base =
        Resource.create(
            Resource.getDefault().getAttributes().toBuilder()
                .putAll(ResourceConfiguration.createEnvironmentResource(config).getAttributes())
                .put("telemetry.distro.name", "tooltrace")
                .put("telemetry.distro.version", Versions.TOOLTRACE)
                .build());
    this.exporters = s.otlp ? OtlpExporters.create(config) : null;

    MeterProvider meterProvider = s.meterProvider;
    if (meterProvider == null) {
      SdkMeterProviderBuilder mb = SdkMeterProvider.builder().setResource(base);
      if (exporters != null && exporters.metrics != null) {
        Duration interval =
            config.getDuration("otel.metric.export.interval", Duration.ofMinutes(1));
        mb.registerMetricReader(
            PeriodicMetricReader.builder(exporters.metrics).setInterval(interval).build());
      }
      for (MetricReader r : s.metricReaders) {
        mb.registerMetricReader(r);
      }
      if (s.meterCustomizer != null) {
        s.meterCustomizer.accept(mb);
      }
      ownMeterProvider = mb.build();
      meterProvider = ownMeterProvider;
    } else {
      ownMeterProvider = null;
    }
    this.meterProviderInUse = meterProvider;
    Meter meter =
        meterProvider
            .meterBuilder(MetricNames.METER)
            .setInstrumentationVersion(Versions.TOOLTRACE)
            .build();
    QualityTiers tiers = new QualityTiers(s.qualityHigh, s.qualityMedium);
    this.health = new HealthMetrics(meter, this::lagSecondsNow, () -> lagRecords);

    this.reader =
        new BatchReader(
            queue,
            new RunResources(base),
            new CallMapper(tiers),
            s.toolMetrics ? new ToolMetrics(meter, tiers) : null,
            s.otlp,
            state::info);
    if (s.otlp) {
      this.committed = new CommittedIndex(queue, s.consumerId);
      this.committedIndex = committed.get();
      reader.resumeAt(committedIndex);
      state.info(
          "exporting "
              + queue.fileAbsolutePath()
              + " with "
              + exporters.description
              + (committedIndex == 0
                  ? ", from the start"
                  : ", resuming at index 0x" + Long.toHexString(committedIndex)));
    } else {
      this.committed = null;
      if (settings.metricsFromIndex > 0) {
        reader.resumeAt(settings.metricsFromIndex);
      } else {
        reader.startAtEnd();
      }
    }
    updateLag();
  }

  /** The meter provider the per-tool and export metrics are on. */
  public MeterProvider meterProvider() {
    return meterProviderInUse;
  }

  /** A pipeline driven by the caller ({@link #drainOnce}, {@link #runUntilDrained}). */
  public static ExportPipeline open(ExportSettings settings) {
    return new ExportPipeline(settings);
  }

  /** A pipeline running on its own daemon thread until {@link #close}. */
  public static ExportPipeline start(ExportSettings settings) {
    ExportPipeline p = new ExportPipeline(settings);
    p.thread = new Thread(p::runInBackground, "tooltrace-exporter");
    p.thread.setDaemon(true);
    p.thread.start();
    return p;
  }

  public ExportStatus status() {
    return new ExportStatus(
        exportedCalls,
        committedIndex,
        lagRecords,
        lagSecondsNow(),
        lastSuccessMillis,
        state.failing(),
        state.failures(),
        lastError,
        reader.corruptDocuments());
  }

  /**
   * Exports what the queue holds now, batch after batch; stops at the first failed attempt (status
   * shows why) or when nothing is left. Returns the calls exported by this call.
   */
  public long drainOnce() {
    requireCallerDriven();
    long before = exportedCalls;
    while (step() == Step.EXPORTED) {
      // next batch
    }
    return exportedCalls - before;
  }

  /** Like {@link #drainOnce} but at most {@code maxBatches} batches (tests, benchmarks). */
  long exportBatches(int maxBatches) {
    requireCallerDriven();
    long before = exportedCalls;
    for (int i = 0; i < maxBatches && step() == Step.EXPORTED; i++) {
      // next batch
    }
    return exportedCalls - before;
  }

  /** Releases everything without exporting what is pending: what a crash does (tests). */
  void abandon() {
    requireCallerDriven();
    release();
  }

  /**
   * Exports until the queue has nothing left, retrying failed batches with backoff; gives up after
   * {@code maxWait}. Returns true when drained.
   */
  public boolean runUntilDrained(Duration maxWait) {
    requireCallerDriven();
    long deadline = System.nanoTime() + maxWait.toNanos();
    return drainUntil(deadline);
  }

  /** Pushes the current metric points to the metric readers (OTLP and the caller's). */
  public void flushMetrics() {
    if (ownMeterProvider != null) {
      ownMeterProvider.forceFlush().join(exportTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Stops the pipeline: exports what it can within the close timeout, flushes metrics, shuts the
   * exporters down and closes the queue if the pipeline opened it.
   */
  @Override
  public void close() {
    if (thread != null) {
      stopping = true;
      wake();
      try {
        thread.join(settings.closeTimeout.toMillis() + exportTimeout.toMillis() + 2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        state.info("export thread still busy at close; it will release the queue when done");
      }
      return;
    }
    if (!released) {
      drainUntil(System.nanoTime() + settings.closeTimeout.toNanos());
      release();
    }
  }

  private enum Step {
    EXPORTED,
    IDLE,
    FAILED
  }

  /** Reads (or retries) one batch and sends it. */
  private Step step() {
    if (pending == null) {
      Batch b = reader.read(settings.maxBatchCalls);
      if (b.isEmpty()) {
        updateLag();
        return Step.IDLE;
      }
      pending = b;
      oldestPendingEndNanos = b.oldestEndNanos;
    }
    String failure = send(pending);
    if (failure != null) {
      lastError = failure;
      health.failed();
      state.failure(failure);
      return Step.FAILED;
    }
    commit(pending);
    pending = null;
    state.success();
    return Step.EXPORTED;
  }

  private void commit(Batch b) {
    if (committed != null) {
      committed.set(b.nextIndex);
      committedIndex = b.nextIndex;
      lastSuccessMillis = System.currentTimeMillis();
      health.exported(b.calls);
    }
    exportedCalls += b.calls;
    updateLag();
    if (lagRecords == 0) {
      oldestPendingEndNanos = 0;
    }
  }

  /** Sends what of {@code b} has not been accepted yet; returns null or the failure reason. */
  private String send(Batch b) {
    if (exporters == null) {
      return null; // metrics only: reading was the work
    }
    try {
      if (!b.spansDone) {
        if (exporters.spans != null && !b.spans.isEmpty()) {
          String f = await(exporters.spans.export(b.spans), "spans");
          if (f != null) {
            return f;
          }
        }
        b.spansDone = true;
      }
      if (!b.logsDone) {
        if (exporters.logs != null && !b.logs.isEmpty()) {
          String f = await(exporters.logs.export(b.logs), "logs");
          if (f != null) {
            return f;
          }
        }
        b.logsDone = true;
      }
      return null;
    } catch (RuntimeException e) {
      return "exporting failed: " + e;
    }
  }

  private String await(CompletableResultCode r, String what) {
    r.join(exportTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    if (!r.isDone()) {
      return what + ": no answer within " + exportTimeout.toMillis() + " ms";
    }
    if (r.isSuccess()) {
      return null;
    }
    Throwable t = r.getFailureThrowable();
    if (t == null) {
      return what + " rejected by the backend";
    }
    String m = t.getMessage();
    return what + ": " + (m != null ? m : t.getClass().getSimpleName());
  }

  private boolean drainUntil(long deadlineNanos) {
    return drainUntil(deadlineNanos, true);
  }

  /** Exports until idle or the deadline; {@code retry}: back off and retry a failed batch. */
  private boolean drainUntil(long deadlineNanos, boolean retry) {
    while (true) {
      Step s = step();
      if (s == Step.IDLE) {
        return true;
      }
      if (s == Step.FAILED && !retry) {
        return false;
      }
      if (s == Step.FAILED) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        sleepNanos(Math.min(left, backoff.delayNanos(state.failures())));
      } else if (System.nanoTime() - deadlineNanos > 0) {
        return false;
      }
    }
  }

  private void runInBackground() {
    try {
      reader.handOverToCurrentThread();
      while (!stopping) {
        Step s;
        try {
          s = step();
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
          // A full heap (usually the application's) or an exhausted stack is this moment's, not
          // the pipeline's: retry with backoff instead of letting the export thread die.
          lastError = "reading the queue failed: " + e;
          state.failure(lastError);
          s = Step.FAILED;
        }
        if (s == Step.IDLE) {
          sleepNanos(settings.pollInterval.toNanos());
        } else if (s == Step.FAILED) {
          sleepNanos(backoff.delayNanos(state.failures()));
        }
      }
      // At close, a backend that failed (or fails now) is not waited for: the queue keeps what was
      // not exported, for the next start or the `export` command.
      if (!state.failing()) {
        drainUntil(System.nanoTime() + settings.closeTimeout.toNanos(), false);
      }
    } catch (Throwable t) {
      state.info("export thread stopped: " + t);
    } finally {
      release();
    }
  }

  private synchronized void release() {
    if (released) {
      return;
    }
    released = true;
    try {
      if (ownMeterProvider != null) {
        ownMeterProvider.shutdown().join(exportTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      } else {
        health.close();
      }
      if (exporters != null) {
        if (exporters.spans != null) {
          exporters.spans.shutdown().join(5, TimeUnit.SECONDS);
        }
        if (exporters.logs != null) {
          exporters.logs.shutdown().join(5, TimeUnit.SECONDS);
        }
      }
      reader.close();
      if (ownsQueue) {
        queue.close();
      }
    } catch (RuntimeException e) {
      state.info("closing the exporter: " + e);
    }
  }

  private void updateLag() {
    try {
      long from = committed != null ? committedIndex : reader.position();
      long last = queue.lastIndex();
      if (last < 0) {
        lagRecords = 0;
      } else if (from == 0) {
        lagRecords = queue.entryCount();
      } else if (from > last) {
        lagRecords = 0;
      } else {
        lagRecords = queue.countExcerpts(from, last) + 1;
      }
    } catch (RuntimeException e) {
      // Index arithmetic across a roll can fail transiently; keep the last value.
    }
  }

  private double lagSecondsNow() {
    long oldest = oldestPendingEndNanos;
    if (oldest == 0) {
      return 0;
    }
    double lag = (System.currentTimeMillis() * NANOS_PER_MILLI - oldest) / 1e9;
    return Math.max(0, lag);
  }

  private void requireCallerDriven() {
    if (thread != null) {
      throw new IllegalStateException("this pipeline runs on its own thread");
    }
    if (released) {
      throw new IllegalStateException("pipeline closed");
    }
  }

  private void sleepNanos(long nanos) {
    long millis = Math.max(1, nanos / NANOS_PER_MILLI);
    synchronized (sleeper) {
      if (stopping && thread != null && Thread.currentThread() == thread) {
        return;
      }
      try {
        sleeper.wait(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping = true;
      }
    }
  }

  private void wake() {
    synchronized (sleeper) {
      sleeper.notifyAll();
    }
  }
}
