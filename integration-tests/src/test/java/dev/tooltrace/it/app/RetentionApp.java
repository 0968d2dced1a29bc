/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Tracked;

/**
 * Produces and consumes many large values under a small heap: if the agent kept them (for identity
 * lineage, say) the JVM would run out of memory.
 */
public final class RetentionApp {
  private RetentionApp() {}

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    long total = 0;
    for (int i = 0; i < n; i++) {
      Object[] big = produce(i);
      total += consume(big);
    }
    System.out.println("total=" + total);
  }

  /** A 1 MiB value with no content hash: linked by identity only. */
  @Tracked
  static Object[] produce(int i) {
    return new Object[] {new byte[1 << 20], new StringBuilder("v" + i)};
  }

  @Tracked
  static int consume(Object[] value) {
    return ((byte[]) value[0]).length;
  }
}
