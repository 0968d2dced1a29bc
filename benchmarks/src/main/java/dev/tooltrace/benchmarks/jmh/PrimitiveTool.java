/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks.jmh;

import dev.tooltrace.Tracked;

/**
 * A tool with primitive arguments and result, tracked and untracked, so that the difference of
 * their allocation per operation is what tracking allocates per call.
 */
public final class PrimitiveTool {
  private PrimitiveTool() {}

  @Tracked
  public static long tracked(long a, int b, double c) {
    return a * 31 + b + (long) c;
  }

  public static long untracked(long a, int b, double c) {
    return a * 31 + b + (long) c;
  }
}
