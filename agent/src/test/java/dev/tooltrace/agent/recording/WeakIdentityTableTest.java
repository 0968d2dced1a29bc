/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The weak identity store behind identity lineage and the hash cache: grows, bounds, forgets. */
class WeakIdentityTableTest {
  @Test
  void growsFromSmallKeepsTheNewestWhenFullAndNeverAnswersWrong() {
    WeakIdentityTable t = new WeakIdentityTable(64 * 64, true);
    List<Object> keep = new ArrayList<>();
    WeakIdentityTable.Slot s = new WeakIdentityTable.Slot();
    for (int i = 0; i < 20_000; i++) {
      Object o = new Object();
      keep.add(o);
      t.put(o, i, -i, 1, -1, null);
    }
    for (int i = 19_900; i < 20_000; i++) {
      t.get(keep.get(i), s);
      assertTrue(s.found, "the newest entries are kept: " + i);
      assertEquals(i, s.a);
      assertEquals(-i, s.b);
    }
    int found = 0;
    for (int i = 0; i < 20_000; i++) {
      t.get(keep.get(i), s);
      if (s.found) {
        found++;
        assertEquals(i, s.a, "a slot only ever answers for its own object");
      }
    }
    assertTrue(found <= 64 * 64, "bounded: " + found);
    t.get(new Object(), s);
    assertFalse(s.found);
  }

  @Test
  void theProducerOfAnElementIsTheFirstContainerAWholeValueOneReplacesIt() {
    IdentityLinks links = new IdentityLinks(4096);
    Object o = new Object();
    WeakIdentityTable.Slot prev = new WeakIdentityTable.Slot();
    links.putElement(o, 7, prev);
    assertFalse(prev.found);
    links.put(o, 8);
    links.putElement(o, 9, prev);
    assertTrue(prev.found);
    assertEquals(8, prev.a);
    assertEquals(8, links.get(o), "a whole-value producer is not replaced by an element one");
    Object p = new Object();
    links.putElement(p, 1, prev);
    links.putElement(p, 2, prev);
    assertEquals(1, prev.a);
    assertEquals(1, links.get(p), "a later container holding the object does not make it");
    links.put(p, 3);
    assertEquals(3, links.get(p), "a call returning the object itself hands it on");
  }
}
