/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

/**
 * The short batch job of issue 16: {@code calls} tracked calls of a tool that parses a 60-character
 * line and does a little arithmetic, then one tracked call that summarises them (201 tracked calls
 * by default, about 0.14 s from {@code exec java} to exit without an agent on the 2-core benchmark
 * machine). run-all.sh measures it from outside: wall time from just before {@code exec java} to
 * the process's exit (shutdown hooks included) and peak resident memory (GNU time's maximum
 * resident set). Both tools carry {@code @Tracked} and {@code @WithSpan}, and Kieker's aop.xml
 * names them ({@link ShortJobSteps}).
 *
 * <p>Arguments: {@code calls=N work=N} (LCG steps per call).
 */
public final class ShortJob {
  private ShortJob() {}

  public static void main(String[] argv) {
    Args a = new Args(argv);
    int calls = (int) a.number("calls", 200);
    long work = a.number("work", 150_000);
    String[] lines = FlatCallDriver.lines();
    ShortJobSteps steps = new ShortJobSteps();
    long acc = 0;
    for (int i = 0; i < calls; i++) {
      acc += steps.transform(lines[i % lines.length], work);
    }
    System.out.println("short job: " + steps.summarize(acc, calls));
  }
}
