/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one tab-separated result line per forked JVM to the run's results file, which {@link
 * ReportWriter} turns into BENCHMARKS.md. Each JVM writes once, at its end, so lines never
 * interleave.
 */
final class Results {
  private Results() {}

  static void append(String file, Object... fields) throws IOException {
    StringBuilder line = new StringBuilder();
    for (Object f : fields) {
      if (line.length() > 0) {
        line.append('\t');
      }
      line.append(f);
    }
    line.append('\n');
    System.out.print(line);
    if (file != null && !file.isEmpty()) {
      Files.writeString(
          Path.of(file),
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }
}
