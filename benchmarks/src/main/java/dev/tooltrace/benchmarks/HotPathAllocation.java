/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import dev.tooltrace.benchmarks.jmh.PrimitiveTool;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * Bytes allocated per call by the calling thread alone (HotSpot's per-thread allocation counter),
 * for the tracked and the untracked primitive tool. JMH's {@code gc.alloc.rate.norm} counts every
 * thread of the JVM, so it also charges the agent's background threads (exporter, housekeeping) to
 * each call; this figure is the hot path's own. Prints and appends {@code alloc method
 * bytesPerCall}, and {@code allocthread threadName bytesPerCall} for every other thread that
 * allocated while the tracked calls ran (the agent's background work, charged per call).
 *
 * <p>Arguments: {@code out=FILE warmup=N calls=N}.
 */
public final class HotPathAllocation {
  private HotPathAllocation() {}

  static volatile long sink;

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    long warmup = a.number("warmup", 2_000_000);
    long calls = a.number("calls", 2_000_000);
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    for (int round = 0; round < 2; round++) {
      boolean measure = round == 1;
      long n = measure ? calls : warmup;
      Map<Long, Long> before = allThreads(mx);
      long t0 = mx.getThreadAllocatedBytes(self);
      sink += tracked(n);
      long t1 = mx.getThreadAllocatedBytes(self);
      Map<Long, Long> after = allThreads(mx);
      sink += untracked(n);
      long t2 = mx.getThreadAllocatedBytes(self);
      if (measure) {
        String out = a.text("out", "");
        Results.append(out, "alloc", "tracked", String.format("%.3f", (t1 - t0) / (double) n));
        Results.append(out, "alloc", "untracked", String.format("%.3f", (t2 - t1) / (double) n));
        for (Map.Entry<Long, Long> e : after.entrySet()) {
          long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
          ThreadInfo info = mx.getThreadInfo(e.getKey());
          if (e.getKey() != self && delta > n / 100 && info != null) {
            Results.append(
                out,
                "allocthread",
                info.getThreadName().replace('\t', ' '),
                String.format("%.3f", delta / (double) n));
          }
        }
      }
    }
  }

  private static Map<Long, Long> allThreads(com.sun.management.ThreadMXBean mx) {
    long[] ids = mx.getAllThreadIds();
    long[] bytes = mx.getThreadAllocatedBytes(ids);
    Map<Long, Long> out = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      if (bytes[i] >= 0) {
        out.put(ids[i], bytes[i]);
      }
    }
    return out;
  }

  private static long tracked(long n) {
    long s = 0;
    for (long i = 0; i < n; i++) {
      s += PrimitiveTool.tracked(i, 3, 2.5);
    }
    return s;
  }

  private static long untracked(long n) {
    long s = 0;
    for (long i = 0; i < n; i++) {
      s += PrimitiveTool.untracked(i, 3, 2.5);
    }
    return s;
  }
}
