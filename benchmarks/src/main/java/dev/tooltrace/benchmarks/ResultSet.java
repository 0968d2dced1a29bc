/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The lines the drivers and run-all.sh appended to the results file, tab-separated, first field the
 * kind ({@code overhead}, {@code burst}, {@code delivered}, {@code startup}, {@code alloc}, {@code
 * fail}).
 */
final class ResultSet {
  private final List<String[]> rows = new ArrayList<>();

  static ResultSet read(Path file) throws IOException {
    ResultSet r = new ResultSet();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          r.rows.add(line.split("\t", -1));
        }
      }
    }
    return r;
  }

  static ResultSet of(List<String[]> rows) {
    ResultSet r = new ResultSet();
    r.rows.addAll(rows);
    return r;
  }

  List<String[]> rows(String kind, Predicate<String[]> filter) {
    List<String[]> out = new ArrayList<>();
    for (String[] row : rows) {
      if (row[0].equals(kind) && filter.test(row)) {
        out.add(row);
      }
    }
    return out;
  }

  /** The numeric column {@code col} of every {@code kind} row whose column 1 is {@code config}. */
  double[] values(String kind, String config, int col, Predicate<String[]> filter) {
    List<String[]> match = rows(kind, r -> r.length > col && r[1].equals(config) && filter.test(r));
    double[] v = new double[match.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = Double.parseDouble(match.get(i)[col]);
    }
    return v;
  }
}
