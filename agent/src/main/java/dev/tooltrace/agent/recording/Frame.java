/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import dev.tooltrace.record.Buf;

/**
 * One tracked call in progress. Frames are owned by a thread's {@link ThreadState} and reused level
 * by level, so a call allocates nothing; the woven code holds the frame only between its enter and
 * exit advice.
 */
final class Frame {
  final ThreadState owner;
  final int level;

  /** The arguments received so far, each encoded with the record contract's ValueEncoder. */
  final Buf args = new Buf(256);

  ToolInfo tool;
  long traceHi;
  long traceLo;
  long spanId;
  long parentSpanId;
  long startNano;
  double confidence;
  int flags;

  /** How many arguments were received (and written into {@link #args}). */
  int argIndex;

  // The call's cost (tools with captureCost only): thread counters at begin, totals at exit, and
  // the totals of the measured calls nested in it on this thread.
  long cpuStart;
  long allocStart;
  long cpuTotal;
  long allocTotal;
  long childCpu;
  long childAlloc;

  /**
   * Arguments whose description was timed for their parameter's budget ({@link ValueBudget}): how
   * many, which, and how long each took. Judged when the call ends.
   */
  int timedCount;

  int[] timedArgs = new int[2];
  long[] timedNanos = new long[2];

  void timed(int arg, long nanos) {
    int n = timedCount;
    if (n == timedArgs.length) {
      timedArgs = java.util.Arrays.copyOf(timedArgs, n * 2);
      timedNanos = java.util.Arrays.copyOf(timedNanos, n * 2);
    }
    timedArgs[n] = arg;
    timedNanos[n] = nanos;
    timedCount = n + 1;
  }

  Frame(ThreadState owner, int level) {
    this.owner = owner;
    this.level = level;
  }
}
