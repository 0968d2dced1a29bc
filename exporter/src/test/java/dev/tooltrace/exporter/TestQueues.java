/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import java.nio.file.Path;

/** Public entry to {@link TestQueue} for the benchmark package. */
public final class TestQueues {
  private TestQueues() {}

  /** Writes a RUN document and {@code trees} call trees; returns the number of calls. */
  public static int writeTrees(Path dir, int trees) {
    try (TestQueue q = new TestQueue(dir)) {
      q.run();
      for (int i = 0; i < trees; i++) {
        q.tree();
      }
      return q.spanIds.size();
    }
  }
}
