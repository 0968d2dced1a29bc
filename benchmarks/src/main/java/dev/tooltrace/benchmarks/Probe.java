/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * The per-call costs every call-loop driver reports, read around a measured section: the calling
 * thread's CPU time, the whole process's CPU time (agent threads, JIT and GC included) and the
 * bytes the calling thread allocated (HotSpot's per-thread counter). On a shared machine CPU times
 * are immune to being descheduled, which wall time is not; process CPU minus thread CPU is what the
 * agent's background threads spend.
 */
final class Probe {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final long threadCpu0;
  private final long processCpu0;
  private final long allocated0;

  private Probe() {
    allocated0 = THREADS.getCurrentThreadAllocatedBytes();
    threadCpu0 = THREADS.getCurrentThreadCpuTime();
    processCpu0 = OS.getProcessCpuTime();
  }

  /** Starts measuring on the calling thread. */
  static Probe start() {
    return new Probe();
  }

  /** Per-call figures since {@link #start}: {threadCpuNs, processCpuNs, allocatedBytes}. */
  double[] perCall(long calls) {
    long processCpu = OS.getProcessCpuTime() - processCpu0;
    long threadCpu = THREADS.getCurrentThreadCpuTime() - threadCpu0;
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocated0;
    return new double[] {
      threadCpu / (double) calls, processCpu / (double) calls, allocated / (double) calls
    };
  }
}
