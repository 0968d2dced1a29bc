/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import java.util.function.Consumer;

/**
 * Turns a stream of attempt outcomes into one log line per state change: an outage that lasts an
 * hour with a retry every 30 s gives two lines, "failing" and "recovered", not 120.
 */
final class StateLog {
  private final Consumer<String> out;
  private boolean failing;
  private int failures;
  private long failingSinceNanos;

  StateLog(Consumer<String> out) {
    this.out = out;
  }

  void failure(String reason) {
    failures++;
    if (!failing) {
      failing = true;
      failingSinceNanos = System.nanoTime();
      emit("export failing: " + reason + " (retrying with backoff; records stay in the queue)");
    }
  }

  void success() {
    if (failing) {
      long secs = (System.nanoTime() - failingSinceNanos) / 1_000_000_000L;
      emit("export recovered after " + failures + " failed attempts (" + secs + " s)");
    }
    failing = false;
    failures = 0;
  }

  boolean failing() {
    return failing;
  }

  int failures() {
    return failures;
  }

  void info(String line) {
    emit(line);
  }

  private void emit(String line) {
    try {
      out.accept(line);
    } catch (RuntimeException e) {
      // The caller's logger failing must not stop the export.
    }
  }
}
