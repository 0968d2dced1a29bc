/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import dev.tooltrace.agent.log.AgentLog;
import java.lang.management.ManagementFactory;

/**
 * The current thread's CPU time and allocated bytes, from the JDK's own per-thread counters ({@code
 * com.sun.management.ThreadMXBean}): what {@code capture.cost} records per call. The CPU clock is a
 * system call (a few hundred nanoseconds); the allocation counter reads the thread's TLAB
 * bookkeeping (tens of nanoseconds). Both are read only for tools {@code capture.cost} selects.
 * When this JVM offers neither counter, {@link #AVAILABLE} is false (said once) and nothing is
 * measured.
 */
final class ThreadCost {
  private ThreadCost() {}

  private static final com.sun.management.ThreadMXBean BEAN = bean();

  /** Whether both counters can be read in this JVM. */
  static final boolean AVAILABLE = BEAN != null;

  private static com.sun.management.ThreadMXBean bean() {
    try {
      java.lang.management.ThreadMXBean b = ManagementFactory.getThreadMXBean();
      if (b instanceof com.sun.management.ThreadMXBean t
          && t.isCurrentThreadCpuTimeSupported()
          && t.isThreadAllocatedMemorySupported()) {
        if (!t.isThreadCpuTimeEnabled()) {
          t.setThreadCpuTimeEnabled(true);
        }
        if (!t.isThreadAllocatedMemoryEnabled()) {
          t.setThreadAllocatedMemoryEnabled(true);
        }
        t.getCurrentThreadAllocatedBytes();
        t.getCurrentThreadCpuTime();
        return t;
      }
      AgentLog.of("record")
          .warn(
              "this JVM has no per-thread CPU or allocation counters: capture.cost records nothing");
    } catch (Throwable e) {
      AgentLog.of("record").warn("cannot read per-thread CPU or allocation counters (" + e + ")");
    }
    return null;
  }

  /** The calling thread's CPU time in nanoseconds. */
  static long cpuNanos() {
    return BEAN.getCurrentThreadCpuTime();
  }

  /** The bytes the calling thread has allocated since it started. */
  static long allocatedBytes() {
    return BEAN.getCurrentThreadAllocatedBytes();
  }
}
