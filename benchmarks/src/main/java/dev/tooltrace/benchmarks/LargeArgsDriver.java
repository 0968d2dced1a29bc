/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The "large arguments" workload, one configuration per JVM: a tool doing O(1) work on a {@code
 * String} or {@code byte[]} of 1 KB, 64 KB and 1 MB (the same instance every call, as a buffer
 * handed to a matcher once per position), and on a {@code List} of 0 to 1024 short strings (the
 * cost per element). Each case: {@code warmup} calls, then {@code calls} measured. Appends {@code
 * largeargs config case size nsPerCall threadCpuNsPerCall} per case ({@code case}: {@code String},
 * {@code byte[]} or {@code List}; size in bytes, or elements for lists).
 *
 * <p>Arguments: {@code config=NAME out=FILE warmup=N calls=N}.
 */
public final class LargeArgsDriver {
  private LargeArgsDriver() {}

  static volatile long sink;

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    long warmup = a.number("warmup", 20_000);
    long calls = a.number("calls", 100_000);
    String out = a.text("out", "");
    String config = a.text("config", "?");
    LargeArgsTools t = new LargeArgsTools();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int size : new int[] {1024, 64 * 1024, 1024 * 1024}) {
      String s = "x".repeat(size / 2); // 2 bytes per char in the canonical encoding
      byte[] b = new byte[size];
      Arrays.fill(b, (byte) 3);
      for (int phase = 0; phase < 2; phase++) {
        long n = phase == 0 ? warmup : calls;
        long c0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i++) {
          sink += t.charAt(s, (int) i);
        }
        long wall = System.nanoTime() - t0;
        long thread = cpu.getCurrentThreadCpuTime() - c0;
        if (phase == 1) {
          row(out, config, "String", size, wall, thread, n);
        }
        c0 = cpu.getCurrentThreadCpuTime();
        t0 = System.nanoTime();
        for (long i = 0; i < n; i++) {
          sink += t.byteAt(b, (int) i);
        }
        wall = System.nanoTime() - t0;
        thread = cpu.getCurrentThreadCpuTime() - c0;
        if (phase == 1) {
          row(out, config, "byte[]", size, wall, thread, n);
        }
      }
    }
    for (int elements : new int[] {0, 16, 256, 1024}) {
      List<String> l = new ArrayList<>();
      for (int i = 0; i < elements; i++) {
        l.add("element " + i);
      }
      for (int phase = 0; phase < 2; phase++) {
        long n = phase == 0 ? warmup : calls;
        long c0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i++) {
          sink += t.first(l, (int) i);
        }
        long wall = System.nanoTime() - t0;
        long thread = cpu.getCurrentThreadCpuTime() - c0;
        if (phase == 1) {
          row(out, config, "List", elements, wall, thread, n);
        }
      }
    }
  }

  private static void row(
      String out, String config, String kind, int size, long wall, long thread, long n)
      throws java.io.IOException {
    Results.append(
        out,
        "largeargs",
        config,
        kind,
        size,
        String.format("%.1f", (double) wall / n),
        String.format("%.1f", (double) thread / n));
  }
}
