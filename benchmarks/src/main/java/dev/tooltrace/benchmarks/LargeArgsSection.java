/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The "large arguments" section of BENCHMARKS.md (issue 20) and the cost per element (issue 14),
 * from the {@code largeargs} rows {@link LargeArgsDriver} appends ({@code largeargs config case
 * size nsPerCall threadCpuNsPerCall}), one or more JVMs per configuration ({@code none}, {@code
 * tooltrace}, {@code otel}). A pure function of the rows: its own file, so that the report's other
 * sections can change around it.
 */
final class LargeArgsSection {
  private LargeArgsSection() {}

  /** The section, or "" when the run measured no large arguments. */
  static String render(ResultSet r) {
    List<String[]> rows = r.rows("largeargs", x -> x.length > 5);
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder();
    md.append("## Large arguments (issue 20) and cost per element (issue 14)\n\n")
        .append(
            "`LargeArgsTools`: a tool doing O(1) work on a `String` or `byte[]` of 1 KB, 64 KB or"
                + " 1 MB (the same instance every call, as a buffer handed to a matcher once per"
                + " position), and on a `List` of 0 to 1024 short strings. Median over JVMs; ns"
                + " per call (wall) and, in brackets, the calling thread's CPU ns per call."
                + " \"Budget off\": `capture.budget.micros=0`, every value hashed exactly (up to"
                + " `capture.hash.max.bytes`) and every element looked at. Target: tooltrace adds"
                + " ≤ 5 µs per call whatever the argument.\n\n")
        .append(
            "| argument | no agent | tooltrace | tooltrace, budget off | OpenTelemetry agent |"
                + " tooltrace adds (thread CPU) |\n")
        .append("|---|---|---|---|---|---|\n");
    for (String kase : List.of("String", "byte[]", "List")) {
      for (String size : sizes(rows, kase)) {
        double none = median(rows, "none", kase, size, 5);
        double tt = median(rows, "tooltrace", kase, size, 5);
        md.append("| ")
            .append(label(kase, size))
            .append(" | ")
            .append(cell(rows, "none", kase, size))
            .append(" | ")
            .append(cell(rows, "tooltrace", kase, size))
            .append(" | ")
            .append(cell(rows, "tooltrace-exact", kase, size))
            .append(" | ")
            .append(cell(rows, "otel", kase, size))
            .append(" | ")
            .append(Double.isNaN(tt) || Double.isNaN(none) ? "–" : fmt(tt - none) + " ns")
            .append(" |\n");
      }
    }
    double e0 = median(rows, "tooltrace-exact", "List", "0", 5);
    double e1024 = median(rows, "tooltrace-exact", "List", "1024", 5);
    if (!Double.isNaN(e0) && !Double.isNaN(e1024)) {
      md.append(
              "\nCost per element (tooltrace with the budget off, so that every element is looked"
                  + " at; calling thread's CPU): (1024 elements − 0) / 1024 = ")
          .append(fmt((e1024 - e0) / 1024))
          .append(" ns per element.\n");
    }
    md.append('\n');
    return md.toString();
  }

  private static Set<String> sizes(List<String[]> rows, String kase) {
    Set<String> s = new LinkedHashSet<>();
    for (String[] row : rows) {
      if (row[2].equals(kase)) {
        s.add(row[3]);
      }
    }
    return s;
  }

  private static String label(String kase, String size) {
    if (kase.equals("List")) {
      return "`List` of " + size + " strings";
    }
    long n = Long.parseLong(size);
    return "`" + kase + "` " + (n >= 1 << 20 ? n / (1 << 20) + " MB" : n / 1024 + " KB");
  }

  private static String cell(List<String[]> rows, String config, String kase, String size) {
    double wall = median(rows, config, kase, size, 4);
    double cpu = median(rows, config, kase, size, 5);
    return Double.isNaN(wall) ? "–" : fmt(wall) + " (" + fmt(cpu) + ")";
  }

  static double median(List<String[]> rows, String config, String kase, String size, int col) {
    List<Double> v = new ArrayList<>();
    for (String[] row : rows) {
      if (row[1].equals(config) && row[2].equals(kase) && row[3].equals(size)) {
        v.add(Double.parseDouble(row[col]));
      }
    }
    if (v.isEmpty()) {
      return Double.NaN;
    }
    v.sort(null);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, d >= 100 ? "%.0f" : "%.1f", d);
  }
}
