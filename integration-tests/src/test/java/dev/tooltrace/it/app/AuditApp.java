/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Tracked;
import java.util.ArrayList;
import java.util.List;

/**
 * Several threads calling tracked tools for a while (so that a one-second roll cycle rolls), and
 * one tool allocating a known amount, for the audit and cost tests. Prints {@code started} when
 * every thread runs, {@code done N} at the end.
 *
 * <p>Arguments: {@code threads callsPerThread pauseMillis}.
 */
public final class AuditApp {
  private AuditApp() {}

  static volatile Object sink;

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    int calls = Integer.parseInt(args[1]);
    long pause = Long.parseLong(args[2]);
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; i < calls; i++) {
                  step(id * 1_000_000 + i);
                  try {
                    Thread.sleep(pause);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "audit-app-" + t);
      th.start();
      ts.add(th);
    }
    System.out.println("started");
    System.out.flush();
    for (Thread th : ts) {
      th.join();
    }
    allocate(4);
    System.out.println("done " + threads * calls);
  }

  @Tracked(value = "audit.step", operation = "pipeline")
  static String step(int i) {
    return "step " + i + ": " + work(i);
  }

  @Tracked(value = "audit.work", operation = "transform")
  static int work(int i) {
    return Integer.toHexString(i).hashCode();
  }

  /** Allocates {@code mib} MiB in 64 KiB arrays (each 64 KiB with its header). */
  @Tracked(value = "audit.alloc", operation = "transform")
  static int allocate(int mib) {
    List<byte[]> keep = new ArrayList<>();
    for (int i = 0; i < mib * 16; i++) {
      keep.add(new byte[64 * 1024 - 16]);
    }
    sink = keep;
    return keep.size();
  }
}
