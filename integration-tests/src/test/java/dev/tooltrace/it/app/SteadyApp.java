/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Tracked;

/**
 * A pipeline that keeps running for a while (a tracked step with a nested tracked call, then a
 * pause), for export fault tests that need the app alive while the backend goes away, comes back or
 * the process is killed. Prints {@code started} once the first step is recorded.
 *
 * <p>Arguments: {@code iterations pauseMillis}.
 */
public final class SteadyApp {
  private SteadyApp() {}

  public static void main(String[] args) throws Exception {
    int iterations = Integer.parseInt(args[0]);
    long pause = Long.parseLong(args[1]);
    for (int i = 0; i < iterations; i++) {
      step(i);
      if (i == 0) {
        System.out.println("started");
        System.out.flush();
      }
      Thread.sleep(pause);
    }
    System.out.println("done " + iterations);
  }

  @Tracked(value = "steady.step", operation = "pipeline")
  static String step(int i) {
    return "step " + i + ": " + work("item-" + i);
  }

  @Tracked(value = "steady.work", operation = "transform")
  static int work(String item) {
    return item.hashCode();
  }
}
