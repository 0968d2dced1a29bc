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
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Drains a tooltrace queue to OTLP with at-least-once delivery, several requests at a time: read a
 * batch after the committed index, encode its spans and error logs straight from the record bytes
 * ({@link BatchReader}, {@link SpanEncoder}), send it, and go on reading and sending while up to
 * {@link ExportSettings.Builder#maxInFlight} batches wait for the backend ({@link SendWindow}).
 * Acknowledgements may arrive in any order; the index after a batch is stored in the queue ({@link
 * CommittedIndex}) only once that batch and every batch before it were accepted. A failed batch is
 * sent again as is, with exponential backoff; while the backend fails, only the oldest failed batch
 * is retried (one probe at a time) and nothing new is read, so an outage costs one request per
 * backoff step. A restarted pipeline resumes at the committed index: it re-sends at most the
 * batches that were in the window, that is at most {@code maxInFlight} batches of about {@code
 * maxBatchCalls} calls each (whole documents: a batch may exceed it by the calls of its last
 * document).
 *
 * <p>Two ways to run it: {@link #start} gives a daemon thread (inside the agent); {@link #open}
 * gives a pipeline the caller drives with {@link #drainOnce} or {@link #runUntilDrained} (the
 * standalone {@code export} command). Either way one thread at a time reads and sends (Chronicle
 * tailers are single-threaded); the senders' threads only queue their answers for it. {@link
 * #status} may be called from any thread.
 */
public final class ExportPipeline implements AutoCloseable {
  private static final long NANOS_PER_MILLI = 1_000_000L;
  private static final long LAG_UPDATE_NANOS = 100 * NANOS_PER_MILLI;

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
  private final SendWindow window;

  private Thread thread;
  private volatile boolean stopping;
  private volatile boolean released;
  private final Object sleeper = new Object();

  // The exporting thread's own state.
  private boolean queueEmpty;
  private long failingSinceNanos;
  private long lastFailureNanos;
  private int failedRounds;
  private long failedAttempts;
  private long lastLagUpdateNanos;

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
    boolean genAi = GenAiToolCalls.enabled(config);
    this.health = new HealthMetrics(meter, this::lagSecondsNow, () -> lagRecords);

    OtlpChannel spans = exporters != null ? exporters.spans : null;
    OtlpChannel logs = exporters != null ? exporters.logs : null;
    this.window =
        new SendWindow(
            spans, logs, s.maxInFlight, exportTimeout.toNanos() + 1000 * NANOS_PER_MILLI);
    this.reader =
        new BatchReader(
            queue,
            new RunResources(base),
            spans != null || logs != null ? new SpanEncoder(tiers, genAi) : null,
            s.toolMetrics ? new ToolMetrics(meter, tiers) : null,
            spans != null,
            logs != null,
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
              + (genAi ? ", tool calls as GenAI execute_tool spans" : "")
              + ", up to "
              + s.maxInFlight
              + " requests in flight"
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

  /**
   * The daemon thread of a {@link #start started} pipeline, for a liveness check that must see it
   * die; null for an {@link #open} one (it runs on its caller's thread).
   */
  public Thread thread() {
    return thread;
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
   * Exports what the queue holds now, several batches in flight; stops reading at the first failed
   * attempt (status shows why) or when nothing is left, and returns once every request sent has
   * been answered (or timed out). Batches that failed earlier are sent again first. Returns the
   * calls exported by this call.
   */
  public long drainOnce() {
    requireCallerDriven();
    return exportNow(Integer.MAX_VALUE);
  }

  /**
   * Like {@link #drainOnce} but reads at most {@code maxBatches} new batches (tests, benchmarks).
   */
  long exportBatches(int maxBatches) {
    requireCallerDriven();
    return exportNow(maxBatches);
  }

  /** Releases everything without exporting what is pending: what a crash does (tests). */
  void abandon() {
    requireCallerDriven();
    window.clear();
    release();
  }

  /**
   * Exports until the queue has nothing left and every batch was accepted, retrying failed batches
   * with backoff; gives up after {@code maxWait} (requests in flight then still get their answer).
   * Returns true when drained.
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
   * Stops the pipeline: exports what it can within the close timeout (requests already in flight
   * always get their answer or time out), commits what was accepted, flushes metrics, shuts the
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

  // ---- the exporting thread ----

  /** Caller-driven export: see {@link #drainOnce}. */
  private long exportNow(int maxNewBatches) {
    long before = exportedCalls;
    long failuresAtStart = failedAttempts;
    long now = System.nanoTime();
    for (Batch b : window.batches()) {
      if (isFailed(b)) {
        window.send(b, now); // the caller asks now: no backoff, and no probe limit
      }
    }
    int read = 0;
    while (true) {
      collect(0);
      if (failedAttempts > failuresAtStart) {
        break;
      }
      if (read < maxNewBatches) {
        read += fill(maxNewBatches - read);
      }
      if (window.inFlight() == 0) {
        break;
      }
      collect(untilNextDeadline(System.nanoTime()));
    }
    settle();
    updateLag();
    return exportedCalls - before;
  }

  /** Exports until drained (true) or {@code deadlineNanos} (then false, after settling). */
  private boolean drainUntil(long deadlineNanos) {
    return drainUntil(deadlineNanos, true);
  }

  /**
   * As {@link #drainUntil(long)}; without {@code retry}, the first failed attempt ends it (after
   * the requests in flight settle) instead of being retried with backoff.
   */
  private boolean drainUntil(long deadlineNanos, boolean retry) {
    long failuresAtStart = failedAttempts;
    while (true) {
      long now = System.nanoTime();
      collect(0);
      if (!retry && failedAttempts > failuresAtStart) {
        settle();
        updateLag();
        return false;
      }
      boolean inTime = now - deadlineNanos < 0;
      if (inTime) {
        fill(Integer.MAX_VALUE);
        resendDue(now);
      }
      if (window.isEmpty() && queueEmpty) {
        updateLag();
        return true;
      }
      if (!inTime) {
        settle();
        updateLag();
        return window.isEmpty() && queueEmpty;
      }
      long wait = Math.min(nextWakeNanos(now) - now, deadlineNanos - now);
      collect(Math.max(NANOS_PER_MILLI, wait));
    }
  }

  private void runInBackground() {
    try {
      reader.handOverToCurrentThread();
      while (!stopping) {
        try {
          long now = System.nanoTime();
          collect(0);
          fill(Integer.MAX_VALUE);
          resendDue(now);
          if (window.isEmpty() && queueEmpty) {
            updateLag();
            sleepNanos(settings.pollInterval.toNanos());
          } else {
            long wait = Math.min(nextWakeNanos(now) - now, settings.pollInterval.toNanos());
            collect(Math.max(NANOS_PER_MILLI, wait));
          }
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
          // A full heap (usually the application's) or an exhausted stack is this moment's, not
          // the pipeline's: retry with backoff instead of letting the export thread die.
          readFailed(e);
          sleepNanos(backoff.delayNanos(failedRounds));
        }
      }
      // At close, a backend that failed (or fails now) is not waited for: the queue keeps what was
      // not exported, for the next start or the `export` command. Requests in flight still get
      // their answer (or time out), so what they delivered is committed.
      if (state.failing()) {
        settle();
        commitAccepted();
      } else {
        drainUntil(System.nanoTime() + settings.closeTimeout.toNanos(), false);
      }
    } catch (Throwable t) {
      state.info("export thread stopped: " + t);
    } finally {
      release();
    }
  }

  /**
   * Reads and sends new batches while the window has room and no batch waits for a retry; returns
   * how many were read (at most {@code max}).
   */
  private int fill(int max) {
    int n = 0;
    while (n < max && !window.isFull() && !anyFailed()) {
      Batch b = reader.read(settings.maxBatchCalls, window.nextSeq());
      if (b.isEmpty()) {
        queueEmpty = true;
        break;
      }
      queueEmpty = false;
      n++;
      window.add(b);
      if (b.accepted()) {
        attemptEnded(b, System.nanoTime()); // nothing to send (metrics only, or signals off)
      } else {
        window.send(b, System.nanoTime());
      }
    }
    commitAccepted();
    return n;
  }

  /**
   * Sends failed batches again once their backoff has passed: all of them normally, only the oldest
   * (one probe at a time) while the backend is failing.
   */
  private void resendDue(long now) {
    if (state.failing()) {
      for (Batch b : window.batches()) {
        if (b.inFlight() && b.sentAtNanos - failingSinceNanos >= 0) {
          return; // a probe is out
        }
      }
      for (Batch b : window.batches()) {
        if (isFailed(b)) {
          if (now - b.retryAtNanos >= 0) {
            window.send(b, now);
          }
          return;
        }
      }
      return;
    }
    for (Batch b : window.batches()) {
      if (isFailed(b) && now - b.retryAtNanos >= 0) {
        window.send(b, now);
      }
    }
  }

  /** Handles the senders' answers: waits up to {@code waitNanos} for the first, takes the rest. */
  private void collect(long waitNanos) {
    SendWindow.Outcome o = window.poll(waitNanos);
    while (o != null) {
      onOutcome(o);
      o = window.poll(0);
    }
    long now = System.nanoTime();
    for (Batch b : window.batches()) {
      if (b.inFlight() && now - b.deadlineNanos > 0) {
        b.outstanding = 0;
        if (b.failure == null) {
          b.failure =
              (b.spansDone ? "logs" : "spans")
                  + ": no answer within "
                  + exportTimeout.toMillis()
                  + " ms";
        }
        attemptEnded(b, now);
      }
    }
    commitAccepted();
  }

  private void onOutcome(SendWindow.Outcome o) {
    Batch b = o.batch;
    if (b == null || o.attempt != b.attempt || b.outstanding == 0) {
      return; // a wake-up, or the answer to an attempt already given up
    }
    b.outstanding--;
    if (o.failure == null) {
      if (o.spans) {
        b.spansDone = true;
      } else {
        b.logsDone = true;
      }
    } else if (b.failure == null) {
      b.failure = o.failure;
    }
    if (b.outstanding == 0) {
      attemptEnded(b, System.nanoTime());
    }
  }

  /** Every part of the batch's attempt has answered (or timed out). */
  private void attemptEnded(Batch b, long now) {
    if (b.accepted()) {
      exportedCalls += b.calls;
      if (committed != null) {
        lastSuccessMillis = System.currentTimeMillis();
        health.exported(b.calls);
      }
      if (state.failing() && b.sentAtNanos - failingSinceNanos >= 0) {
        // Sent after the failures began and accepted: the backend is back. Requests sent before
        // (answered late) prove nothing and leave the state as it is.
        state.success();
        failedRounds = 0;
        for (Batch f : window.batches()) {
          f.retryAtNanos = now;
        }
      } else if (!state.failing()) {
        state.success();
      }
      return;
    }
    failedAttempts++;
    lastError = b.failure;
    health.failed();
    if (!state.failing()) {
      failingSinceNanos = now;
    }
    if (failedRounds == 0 || b.sentAtNanos - lastFailureNanos >= 0) {
      failedRounds++; // a retry failed again; answers to earlier sends do not count twice
    }
    lastFailureNanos = now;
    state.failure(b.failure);
    b.retryAtNanos = now + backoff.delayNanos(failedRounds);
  }

  private void readFailed(Throwable e) {
    long now = System.nanoTime();
    lastError = "reading the queue failed: " + e;
    if (!state.failing()) {
      failingSinceNanos = now;
    }
    failedRounds++;
    lastFailureNanos = now;
    state.failure(lastError);
  }

  /** Commits the index after the accepted batches at the head of the window. */
  private void commitAccepted() {
    Batch last = window.takeAcceptedHead();
    if (last != null && committed != null) {
      committed.set(last.nextIndex);
      committedIndex = last.nextIndex;
    }
    oldestPendingEndNanos = window.oldestPendingEndNanos();
    long now = System.nanoTime();
    if (last != null && now - lastLagUpdateNanos > LAG_UPDATE_NANOS) {
      updateLag();
    }
  }

  /** Waits until no attempt is in flight (each gets its answer or times out). */
  private void settle() {
    while (window.inFlight() > 0) {
      collect(Math.max(NANOS_PER_MILLI, untilNextDeadline(System.nanoTime())));
    }
  }

  private static boolean isFailed(Batch b) {
    return !b.accepted() && !b.inFlight() && b.failure != null;
  }

  private boolean anyFailed() {
    for (Batch b : window.batches()) {
      if (isFailed(b)) {
        return true;
      }
    }
    return false;
  }

  /** The earliest time something is due: a deadline in flight or a retry. */
  private long nextWakeNanos(long now) {
    long wake = now + untilNextDeadline(now);
    for (Batch b : window.batches()) {
      if (isFailed(b) && b.retryAtNanos - wake < 0) {
        wake = b.retryAtNanos;
      }
    }
    return wake;
  }

  private long untilNextDeadline(long now) {
    long wait = exportTimeout.toNanos() + 1000 * NANOS_PER_MILLI;
    for (Batch b : window.batches()) {
      if (b.inFlight()) {
        wait = Math.min(wait, b.deadlineNanos - now);
      }
    }
    return Math.max(0, wait);
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
        exporters.shutdownSignals();
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
    lastLagUpdateNanos = System.nanoTime();
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
    window.wake();
  }
}
