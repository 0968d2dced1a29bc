/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.prometheus;

import dev.tooltrace.Tooltrace;
import dev.tooltrace.Tracked;

/**
 * A long-running app for the forked-agent tests: calls a reliable tool and one that fails 40% of
 * the time, every few milliseconds, until its standard input is closed (or five minutes pass, so a
 * lost test never leaves it running).
 */
public final class ObservedApp {
  private ObservedApp() {}

  public static void main(String[] args) throws Exception {
    Thread stdin =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // Wait for EOF: the test closed our input.
                }
              } catch (java.io.IOException e) {
                // Input gone: stop as well.
              }
              System.exit(0);
            });
    stdin.setDaemon(true);
    stdin.start();
    long end = System.nanoTime() + 300_000_000_000L;
    long i = 0;
    while (System.nanoTime() < end) {
      normalize("document " + i);
      try {
        flaky(i);
      } catch (IllegalStateException expected) {
        // The failure is recorded by the agent; the app goes on.
      }
      i++;
      Thread.sleep(5);
    }
  }

  @Tracked(value = "obs.normalize", operation = "parse")
  static String normalize(String s) {
    Tooltrace.confidence(0.9);
    return s.trim().toLowerCase();
  }

  @Tracked(value = "obs.flaky", operation = "model")
  static long flaky(long i) {
    if (i % 5 < 2) {
      throw new IllegalStateException("flaky failure " + (i % 3));
    }
    Tooltrace.confidence((i % 10) / 10.0);
    return i * 2;
  }
}
