/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chain and cost section: medians per configuration and depth, and the probe's rows. */
class ChainCostSectionTest {
  private static String[] call(String config, String depth, double ns, double cpu) {
    return new String[] {
      "chaincost", config, depth, Double.toString(ns), "1,2", Double.toString(cpu), "0"
    };
  }

  @Test
  void rendersMediansPerDepthAndTheProbe() {
    List<String[]> rows = new ArrayList<>();
    for (double ns : new double[] {900, 1000, 5000}) {
      rows.add(call("chain-on", "depth1", ns, ns / 2));
    }
    rows.add(call("chain-off", "depth10", 300, 250));
    rows.add(call("overhead-like", "depth10", 1, 1)); // not a configuration of the section
    rows.add(new String[] {"chain", "2", "2048", "6918", "22202", "15284", "1577", "3784"});
    String md = ChainCostSection.render(ResultSet.of(rows));
    assertTrue(
        md.contains("| 1 | default (chain on, `capture.cost` off) | 1000 (900–5000) | 500 |"), md);
    assertTrue(md.contains("| 10 | `audit.chain=false` | 300 (300–300) | 250 |"), md);
    assertTrue(md.contains("| 2 | 2048 | 6918 | 22202 | 15284 | 1577 | 3784 |"), md);
    assertFalse(md.contains("`capture.cost=true`"), md);
    assertEquals("", ChainCostSection.render(ResultSet.of(List.of())));
  }
}
