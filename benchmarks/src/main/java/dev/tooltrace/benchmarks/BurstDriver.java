/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import java.util.concurrent.CountDownLatch;

/**
 * Sustained throughput: {@code threads} threads together make {@code calls} monitored calls (in
 * recursions of {@code depth}) as fast as they can, while the agent's exporter drains in the
 * background. Prints and appends {@code burst config threads calls seconds callsPerSecond}; what
 * reached the queue or the receiver is counted afterwards, outside this JVM.
 *
 * <p>Arguments: {@code config=NAME out=FILE threads=N calls=N depth=N}.
 */
public final class BurstDriver {
  private BurstDriver() {}

  static volatile long sink;

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    int threads = (int) a.number("threads", 1);
    int depth = (int) a.number("depth", 10);
    long calls = a.number("calls", 5_000_000);
    long perThread = calls / depth / threads;
    long made = perThread * depth * threads;
    MonitoredClass m = new MonitoredClass();
    CountDownLatch go = new CountDownLatch(1);
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                long s = 0;
                for (long i = 0; i < perThread; i++) {
                  s += m.monitoredMethod(0, depth);
                }
                sink += s;
              },
              "burst-" + t);
      workers[t].start();
    }
    long t0 = System.nanoTime();
    go.countDown();
    for (Thread w : workers) {
      w.join();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Results.append(
        a.text("out", ""),
        "burst",
        a.text("config", "?"),
        threads,
        made,
        String.format("%.3f", seconds),
        String.format("%.0f", made / seconds));
  }
}
