/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.otlp.receiver;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Holds requests in HANG mode until the mode changes or the receiver stops. */
final class Hang {
  private volatile CountDownLatch latch = new CountDownLatch(1);

  /** Blocks the calling (server) thread up to a minute. */
  void hold() {
    CountDownLatch l = latch;
    try {
      l.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void release() {
    CountDownLatch old = latch;
    latch = new CountDownLatch(1);
    old.countDown();
  }
}
