/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CallGroupTest {
  private static CallGroup group(int n, long offset) {
    CallGroup g = new CallGroup("t");
    for (int i = 1; i <= n; i++) {
      g.add(i * 1000L, (i + offset) * 1000L, i % 10 == 0, i % 2 == 0 ? 0.5 : null);
    }
    return g;
  }

  @Test
  void exactPercentilesWhileSmallAndWithinATenthOfAPercentBeyond() {
    CallStats small = group(100, 0).stats();
    assertEquals(50_000, small.p50Nanos());
    assertEquals(99_000, small.p99Nanos());
    CallStats big = group(100_000, 0).stats();
    assertEquals(100_000, big.calls());
    assertEquals(10_000, big.errors());
    assertEquals(1_000, big.minNanos());
    assertEquals(100_000_000, big.maxNanos());
    assertEquals(50_000_000, big.p50Nanos(), 50_000_000 * 0.001);
    assertEquals(99_000_000, big.p99Nanos(), 99_000_000 * 0.001);
    assertEquals(0.5, big.meanConfidence(), 1e-12);
  }

  @Test
  void bytesRoundTripAndMergeBothForms() {
    for (int n : new int[] {0, 10, 5000, 50_000}) {
      CallGroup g = group(n, 3);
      CallGroup back = CallGroup.fromBytes("t", g.toBytes());
      assertEquals(g.count(), back.count());
      if (n > 0) {
        assertEquals(g.stats(), back.stats());
      }
    }
    CallGroup merged = CallGroup.fromBytes("t", group(3000, 0).toBytes());
    merged.addAll(CallGroup.fromBytes("t", group(3000, 0).toBytes()));
    assertEquals(6000, merged.count());
    assertTrue(merged.stats().p50Nanos() > 0);
    assertNull(new CallGroup("x").toBytes().length == 0 ? "empty" : null);
    assertThrows(IllegalArgumentException.class, () -> CallGroup.fromBytes("t", new byte[] {9}));
  }
}
