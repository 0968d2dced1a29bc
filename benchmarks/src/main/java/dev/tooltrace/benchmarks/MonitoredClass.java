/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import dev.tooltrace.Tracked;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/**
 * MooBench's monitored method: it recurses to {@code depth} and, at the bottom, does {@code work}
 * steps of arithmetic. It carries both {@code @Tracked} and {@code @WithSpan}, and Kieker's aop.xml
 * names it, so every configuration measures the very same bytecode; only the agent differs.
 *
 * <p>Arguments and result are primitives: the cheapest case for every agent and the one the
 * zero-allocation target is about. The work is a dependent chain (an LCG) so the JIT can neither
 * drop nor vectorise it; no {@code System.nanoTime} busy-wait, whose own cost varies by machine.
 */
public class MonitoredClass {
  @Tracked
  @WithSpan
  public long monitoredMethod(long work, int depth) {
    if (depth > 1) {
      return monitoredMethod(work, depth - 1);
    }
    long x = work;
    for (long i = 0; i < work; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
    return x;
  }
}
