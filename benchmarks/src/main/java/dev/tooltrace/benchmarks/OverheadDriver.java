/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

/**
 * The MooBench-style per-call overhead run, one configuration per JVM: {@code warmup} iterations,
 * then {@code iterations} measured in {@code batches}; an iteration is one call of {@link
 * MonitoredClass#monitoredMethod} recursing to {@code depth}, i.e. {@code depth} monitored calls.
 * Prints and appends {@code overhead config variant nsPerCall batches threadCpuNs processCpuNs}:
 * nsPerCall is the measured time divided by {@code iterations * depth}, then the calling thread's
 * CPU time and the whole process's CPU time (agent threads, JIT and GC included) per call. On a
 * shared machine the CPU times are immune to being descheduled, which wall time is not.
 *
 * <p>Arguments: {@code config=NAME variant=NAME out=FILE warmup=N iterations=N batches=N depth=N
 * work=N kind=NAME} ({@code kind}: the row's first field, {@code overhead} unless another section
 * of run-all.sh reuses the driver, as {@code chaincost} does).
 */
public final class OverheadDriver {
  private OverheadDriver() {}

  /** Keeps results alive so the JIT cannot drop the calls. */
  static volatile long sink;

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    int depth = (int) a.number("depth", 10);
    long work = a.number("work", 0);
    long warmup = a.number("warmup", 200_000);
    long iterations = a.number("iterations", 1_000_000);
    int batches = (int) a.number("batches", 5);
    MonitoredClass m = new MonitoredClass();

    sink += loop(m, warmup, work, depth);
    long perBatch = iterations / batches;
    double[] batchNs = new double[batches];
    long total = 0;
    Probe probe = Probe.start();
    for (int b = 0; b < batches; b++) {
      long t0 = System.nanoTime();
      sink += loop(m, perBatch, work, depth);
      long t = System.nanoTime() - t0;
      total += t;
      batchNs[b] = (double) t / (perBatch * depth);
    }
    long calls = perBatch * batches * depth;
    double nsPerCall = (double) total / calls;
    double[] cost = probe.perCall(calls);
    StringBuilder perBatchText = new StringBuilder();
    for (double d : batchNs) {
      perBatchText.append(perBatchText.length() == 0 ? "" : ",").append(String.format("%.2f", d));
    }
    Results.append(
        a.text("out", ""),
        a.text("kind", "overhead"),
        a.text("config", "?"),
        a.text("variant", "?"),
        String.format("%.3f", nsPerCall),
        perBatchText,
        String.format("%.3f", cost[0]),
        String.format("%.3f", cost[1]));
  }

  private static long loop(MonitoredClass m, long n, long work, int depth) {
    long s = 0;
    for (long i = 0; i < n; i++) {
      s += m.monitoredMethod(work, depth);
    }
    return s;
  }
}
