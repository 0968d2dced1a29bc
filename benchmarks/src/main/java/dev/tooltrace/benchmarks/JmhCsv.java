/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JMH's {@code -rf csv} result: benchmark name (with {@code :secondary} metric suffix) to
 * score. JMH writes numbers unquoted with a '.' decimal point (run-all.sh forces a C locale) and
 * our benchmark names have no commas, so a plain split is enough.
 */
final class JmhCsv {
  private JmhCsv() {}

  static Map<String, Double> scores(Path csv) throws IOException {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!Files.exists(csv)) {
      return out;
    }
    List<String> lines = Files.readAllLines(csv);
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = line.split(",");
      if (f.length < 5) {
        continue;
      }
      String name = f[0].replace("\"", "");
      name =
          name.substring(
              name.lastIndexOf('.', name.indexOf(':') < 0 ? name.length() : name.indexOf(':')) + 1);
      try {
        out.put(name, Double.parseDouble(f[4].replace("\"", "")));
      } catch (NumberFormatException e) {
        out.put(name, Double.NaN);
      }
    }
    return out;
  }
}
