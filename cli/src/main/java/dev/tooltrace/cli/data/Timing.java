/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.data;

import java.lang.management.ManagementFactory;

/**
 * Where a query command's time goes, for measuring (docs/query-index.md): with {@code
 * -Dtooltrace.timing=true} each phase prints one line on stderr, {@code tooltrace timing: PHASE at
 * T ms (+D ms)}, T counted from the JVM's start. Off, it costs one boolean test per phase.
 */
public final class Timing {
  private static final boolean ON = Boolean.getBoolean("tooltrace.timing");
  private static long last = -1;

  private Timing() {}

  public static void mark(String phase) {
    if (!ON) {
      return;
    }
    long start = ManagementFactory.getRuntimeMXBean().getStartTime();
    long now = System.currentTimeMillis();
    long at = now - start;
    long delta = last < 0 ? at : at - last;
    last = at;
    System.err.println("tooltrace timing: " + phase + " at " + at + " ms (+" + delta + " ms)");
  }
}
