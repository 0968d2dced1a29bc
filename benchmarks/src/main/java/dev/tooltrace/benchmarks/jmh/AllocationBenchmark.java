/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Allocation per tracked call, read from JMH's {@code -prof gc} ({@code gc.alloc.rate.norm}, bytes
 * per operation). Run by run-all.sh with the tooltrace agent appended to the fork's JVM arguments;
 * the time per operation is reported too but the MooBench driver is the overhead measurement.
 *
 * <p>Short iterations on purpose: every tracked call is written to the queue, and a second of calls
 * is hundreds of megabytes on disk. The allocation figure needs only a stable JIT, not long runs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class AllocationBenchmark {
  long a = 7;
  int b = 3;
  double c = 2.5;

  @Benchmark
  public long tracked() {
    return PrimitiveTool.tracked(a++, b, c);
  }

  @Benchmark
  public long untracked() {
    return PrimitiveTool.untracked(a++, b, c);
  }
}
