/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The large-arguments section: medians per configuration, the added cost, the cost per element. */
class LargeArgsSectionTest {
  private static String[] row(String config, String kase, int size, double ns, double cpu) {
    return new String[] {
      "largeargs", config, kase, Integer.toString(size), Double.toString(ns), Double.toString(cpu)
    };
  }

  @Test
  void rendersMediansTheAddedCostAndTheCostPerElement() {
    List<String[]> rows = new ArrayList<>();
    for (double ns : new double[] {900, 1000, 5000}) {
      rows.add(row("tooltrace", "byte[]", 1 << 20, ns, ns - 100));
    }
    rows.add(row("none", "byte[]", 1 << 20, 10, 10));
    rows.add(row("otel", "byte[]", 1 << 20, 700, 650));
    rows.add(row("tooltrace-exact", "List", 0, 500, 400));
    rows.add(row("tooltrace-exact", "List", 1024, 60_000, 51_600));
    String md = LargeArgsSection.render(ResultSet.of(rows));
    assertTrue(
        md.contains("| `byte[]` 1 MB | 10.0 (10.0) | 1000 (900) | – | 700 (650) | 890 ns |"), md);
    assertTrue(md.contains("= 50.0 ns per element"), md);
    assertEquals("", LargeArgsSection.render(ResultSet.of(List.of())));
  }
}
