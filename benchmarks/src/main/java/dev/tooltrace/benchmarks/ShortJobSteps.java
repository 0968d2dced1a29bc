/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import dev.tooltrace.Tracked;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/** The tools of {@link ShortJob}: a per-line step and a summary. */
public class ShortJobSteps {
  @Tracked
  @WithSpan
  public long transform(String line, long work) {
    long x = line.hashCode();
    for (long i = 0; i < work; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
    return x;
  }

  @Tracked
  @WithSpan
  public String summarize(long acc, int calls) {
    return calls + " calls, checksum " + Long.toHexString(acc);
  }
}
