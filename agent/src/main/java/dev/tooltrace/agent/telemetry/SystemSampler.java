/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * System evidence for the queue: every {@code sample.interval} (default {@link #DEFAULT_INTERVAL})
 * it takes one reading of CPU, memory and disk and hands it to a {@link Sink} (the agent writes it
 * as a SAMPLE document with {@code Encoder.sample}), so that each call can later be joined to the
 * sample nearest in time. Runs on its own daemon thread; a failing sink is reported once per
 * distinct message and never stops the schedule.
 */
public final class SystemSampler implements AutoCloseable {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  /**
   * The measurement names in every SAMPLE document, in order. CPU values are shares (0..1) of the
   * interval since the previous sample; sizes are bytes.
   */
  public static final String[] NAMES = {
    "process.cpu.utilization",
    "system.cpu.utilization",
    "process.memory.rss",
    "jvm.heap.used",
    "jvm.heap.max",
    "system.memory.used",
    "system.memory.total",
    "queue.disk.free",
    "queue.disk.total",
    "queue.size",
  };

  /** Receives one sample; {@code names} is {@link #NAMES}, shared: do not modify it. */
  @FunctionalInterface
  public interface Sink {
    void accept(long epochNanos, String[] names, double[] values);
  }

  private final SystemProbe probe;
  private final Consumer<String> log;
  private ScheduledExecutorService scheduler;
  private String lastError;

  public SystemSampler(Path queueDir, Consumer<String> log) {
    this.probe = new SystemProbe(queueDir, log);
    this.log = log;
  }

  /** Takes one reading now. Unavailable values are NaN (the record keeps them as such). */
  public double[] sample() {
    return new double[] {
      probe.processCpuUtilization(),
      probe.systemCpuUtilization(),
      probe.processRss(),
      probe.heapUsed(),
      probe.heapMax(),
      probe.systemMemoryUsed(),
      probe.systemMemoryTotal(),
      probe.diskFree(),
      probe.diskTotal(),
      probe.queueSize(),
    };
  }

  /**
   * Starts sampling at a fixed rate, the first sample after at most a second (one CPU interval);
   * returns the sampler thread, for the liveness check.
   */
  public synchronized Thread start(Duration interval, Sink sink) {
    if (scheduler != null) {
      throw new IllegalStateException("sampler already started");
    }
    long ms = Math.max(100, interval.toMillis());
    Thread[] thread = new Thread[1];
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tooltrace-sampler");
              t.setDaemon(true);
              thread[0] = t;
              return t;
            });
    // Prime the CPU tick counters so that the first sample covers a real interval (at least
    // half of it): on the sampler's own thread, and only once the JVM has run a while — loading
    // OSHI costs a job shorter than that more than the job itself.
    long first = Math.min(ms, 1000);
    scheduler.schedule(
        () -> {
          probe.processCpuUtilization();
          probe.systemCpuUtilization();
        },
        first / 2,
        TimeUnit.MILLISECONDS);
    scheduler.scheduleAtFixedRate(() -> runOnce(sink), first, ms, TimeUnit.MILLISECONDS);
    return thread[0];
  }

  private void runOnce(Sink sink) {
    try {
      long now = System.currentTimeMillis() * 1_000_000L;
      sink.accept(now, NAMES, sample());
      lastError = null;
    } catch (Throwable t) {
      String msg = "system sample not written: " + t;
      if (!msg.equals(lastError)) {
        lastError = msg;
        log.accept(msg);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
