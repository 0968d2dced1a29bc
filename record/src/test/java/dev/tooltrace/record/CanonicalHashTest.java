/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Exact and sampled hashes: what equal hashes promise, and what they cost. */
class CanonicalHashTest {
  private static final CanonicalHash MIB = new CanonicalHash(1 << 20);

  record Pair(String name, List<String> items) {}

  private static int kind(CanonicalHash c, Object o, boolean sampled) {
    return c.hash(new ContentHasher(), o, sampled);
  }

  @Test
  void theCanonicalEncodingOfSmallValuesIsUnchanged() {
    // The data-versioning contract: exact hashes are those of the documented encoding.
    ContentHasher h = new ContentHasher();
    h.putByte('L').putLong(2);
    h.putString("a");
    h.putByte('[').putByte('B').putLong(3).putBytes(new byte[] {1, 2, 3}, 0, 3);
    assertEquals(h.finish().hex(), MIB.hex(List.of("a", new byte[] {1, 2, 3})));

    ContentHasher c = new ContentHasher();
    c.putByte('[').putByte('C').putLong(2).putLong('x').putLong('y');
    assertEquals(c.finish().hex(), MIB.hex(new char[] {'x', 'y'}));

    ContentHasher d = new ContentHasher();
    d.putByte('[').putByte('D').putLong(1);
    PrimitiveValues.hashFloating(d, 'D', 0.5);
    assertEquals(d.finish().hex(), MIB.hex(new double[] {0.5}));
  }

  @Test
  void anExactHashIsTheSameInSampledModeWhenTheSamplesCoverTheValue() {
    Object[] small = {
      "x".repeat(1024),
      new byte[2048],
      new long[256],
      List.of("a", "b"),
      new ArrayList<>(List.of(1, 2, 3)),
      Set.of("p", "q"),
      Map.of("k", List.of(1)),
      new Pair("n", List.of("i", "j")),
      new String[] {"s", "t"}
    };
    for (Object o : small) {
      assertEquals(RecordFormat.HASH_CONTENT, kind(MIB, o, true), o.getClass().getName());
      assertEquals(MIB.hex(o, false), MIB.hex(o, true), o.getClass().getName());
    }
  }

  @Test
  void largeValuesGetSampledHashesThatNeverEqualExactOnes() {
    String s = "y".repeat(1025);
    assertEquals(RecordFormat.HASH_CONTENT, kind(MIB, s, false));
    assertEquals(RecordFormat.HASH_PARTIAL, kind(MIB, s, true));
    assertNotEquals(MIB.hex(s, false), MIB.hex(s, true));

    CanonicalHash small = new CanonicalHash(1024);
    byte[] b = new byte[5000];
    assertEquals(RecordFormat.HASH_PARTIAL, kind(small, b, false), "beyond hash.max.bytes");
    assertEquals(MIB.hex(b, true), small.hex(b, false), "one sampling scheme for both reasons");
  }

  @Test
  void sampledHashesSeeLengthAndSamplesOnly() {
    byte[] a = new byte[1 << 20];
    byte[] b = a.clone();
    b[1] = 1; // inside the first window
    byte[] c = a.clone();
    c[100_000] = 1; // between windows
    byte[] longer = new byte[a.length + 1];
    String ha = MIB.hex(a, true);
    assertNotEquals(ha, MIB.hex(b, true), "a changed sample changes the hash");
    assertEquals(ha, MIB.hex(c, true), "a change between samples does not: it is partial");
    assertNotEquals(ha, MIB.hex(longer, true), "the length is part of it");
    assertNotEquals(MIB.hex(new char[1 << 20], true), MIB.hex(new short[1 << 20], true));
  }

  @Test
  void exactHashesBeyondTheLimitBecomeSampledWhateverTheShape() {
    CanonicalHash c = new CanonicalHash(4096);
    List<String> big = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      big.add("item " + i);
    }
    assertEquals(RecordFormat.HASH_PARTIAL, kind(c, big, false));
    assertEquals(c.hex(big, true), c.hex(big, false));
    assertEquals(c.hex(big, true), c.hex(new ArrayList<>(big), true), "deterministic");
    assertEquals(RecordFormat.HASH_PARTIAL, kind(c, new Pair("n", big), false));
    Set<String> set = new java.util.HashSet<>(big);
    assertNull(c.hex(set, false), "a large set has no canonical sample");
    assertEquals(RecordFormat.HASH_PARTIAL, kind(c, big.toArray(new String[0]), false));
  }

  @Test
  void sampledHashesOfNestedShortListsStayBounded() {
    List<List<String>> nested = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      List<String> inner = new ArrayList<>();
      for (int k = 0; k < 32; k++) {
        inner.add("z".repeat(1024) + i + k);
      }
      nested.add(inner);
    }
    ContentHasher h = new ContentHasher();
    assertEquals(RecordFormat.HASH_PARTIAL, MIB.hash(h, nested, true));
    assertTrue(
        h.bytesHashed() < CanonicalHash.SAMPLE_LIMIT + 8 * 1024,
        "hashed " + h.bytesHashed() + " bytes");
  }

  @Test
  void sampledListsWithoutRandomAccessUseTheirHead() {
    List<Integer> l = new LinkedList<>();
    for (int i = 0; i < 100; i++) {
      l.add(i);
    }
    List<Integer> changedTail = new LinkedList<>(l);
    changedTail.set(99, -1);
    assertEquals(MIB.hex(l, true), MIB.hex(changedTail, true));
    List<Integer> changedHead = new LinkedList<>(l);
    changedHead.set(0, -1);
    assertNotEquals(MIB.hex(l, true), MIB.hex(changedHead, true));
    assertEquals(MIB.hex(l, false), MIB.hex(new ArrayList<>(l), false), "exact: same encoding");
  }
}
