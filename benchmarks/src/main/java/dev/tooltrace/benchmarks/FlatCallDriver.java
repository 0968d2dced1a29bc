/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

/**
 * The flat-call workload of issue 16, one configuration per JVM: a loop of outermost calls to
 * {@link FlatTool#process}, each with one of 1024 pre-built 60-character strings (distinct
 * contents, so no agent can cache a hash; built before measuring, so the loop itself allocates
 * nothing). {@code warmup} calls, then {@code calls} measured in {@code batches}. Prints and
 * appends {@code flat config nsPerCall perBatch threadCpuNs processCpuNs allocatedBytes}, all per
 * call; allocatedBytes is the calling thread's own (the zero-allocation target for {@code String}
 * arguments).
 *
 * <p>Arguments: {@code config=NAME out=FILE warmup=N calls=N batches=N}.
 */
public final class FlatCallDriver {
  static final int LINE_CHARS = 60;
  private static final int LINES = 1024;

  private FlatCallDriver() {}

  /** Keeps results alive so the JIT cannot drop the calls. */
  static volatile long sink;

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    long warmup = a.number("warmup", 300_000);
    long calls = a.number("calls", 1_000_000);
    int batches = (int) a.number("batches", 5);
    String[] lines = lines();
    FlatTool tool = new FlatTool();

    sink += loop(tool, lines, warmup);
    long perBatch = calls / batches;
    double[] batchNs = new double[batches];
    long total = 0;
    Probe probe = Probe.start();
    for (int b = 0; b < batches; b++) {
      long t0 = System.nanoTime();
      sink += loop(tool, lines, perBatch);
      long t = System.nanoTime() - t0;
      total += t;
      batchNs[b] = (double) t / perBatch;
    }
    long made = perBatch * batches;
    double[] cost = probe.perCall(made);
    StringBuilder perBatchText = new StringBuilder();
    for (double d : batchNs) {
      perBatchText.append(perBatchText.length() == 0 ? "" : ",").append(String.format("%.2f", d));
    }
    Results.append(
        a.text("out", ""),
        "flat",
        a.text("config", "?"),
        String.format("%.3f", (double) total / made),
        perBatchText,
        String.format("%.3f", cost[0]),
        String.format("%.3f", cost[1]),
        String.format("%.3f", cost[2]));
  }

  /** 1024 distinct lines of exactly {@link #LINE_CHARS} characters, like a CSV row. */
  static String[] lines() {
    String[] lines = new String[LINES];
    for (int i = 0; i < LINES; i++) {
      StringBuilder sb = new StringBuilder(LINE_CHARS);
      sb.append(i).append(",sample-").append(i * 7919 % 1000).append(",value=");
      while (sb.length() < LINE_CHARS) {
        sb.append((char) ('a' + (sb.length() * 31 + i) % 26));
      }
      lines[i] = sb.toString();
    }
    return lines;
  }

  private static long loop(FlatTool tool, String[] lines, long n) {
    long s = 0;
    for (long i = 0; i < n; i++) {
      s += tool.process(lines[(int) (i & (LINES - 1))]);
    }
    return s;
  }
}
