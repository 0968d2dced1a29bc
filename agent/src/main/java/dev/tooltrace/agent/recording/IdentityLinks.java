/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

/**
 * Remembers which span returned an object, by identity, so that when the very same object is passed
 * to another tool its record names the producer ({@code producerSpanId}). An object is remembered
 * either as a span's <em>whole</em> return value or as an <em>element</em> of it (an element of a
 * returned collection, array, map, {@code Optional} or record holding those). A newer whole-value
 * entry replaces any (a call that returns the object itself hands it on, as a pass-through stage
 * does); an element entry is only made for an object that has none: the first call that returned it
 * inside a container made it, a later container holding the same object (an extractor returning
 * tokens it picked from a parsed document) only passes it on, which its own record shows (see
 * docs/provenance.md, "Elements").
 *
 * <p>Held weakly and bounded ({@link WeakIdentityTable}): lineage by identity is lost for old
 * objects when the table is full, never wrong.
 */
final class IdentityLinks {
  static final int WHOLE = 1;
  static final int ELEMENT = 2;

  private final WeakIdentityTable table;

  IdentityLinks(int capacity) {
    table = new WeakIdentityTable(capacity, false);
  }

  /** {@code o} was returned by {@code spanId}. */
  void put(Object o, long spanId) {
    table.put(o, spanId, 0, WHOLE, -1, null);
  }

  /**
   * {@code o} is an element of what {@code spanId} returned; {@code previous} gets the entry that
   * was there, which stays (the object's producer is the first that returned it).
   */
  void putElement(Object o, long spanId, WeakIdentityTable.Slot previous) {
    table.put(o, spanId, 0, ELEMENT, WeakIdentityTable.KEEP_ANY, previous);
  }

  /** The span that last returned {@code o}, or 0. */
  long get(Object o) {
    WeakIdentityTable.Slot s = new WeakIdentityTable.Slot();
    table.get(o, s);
    return s.found ? s.a : 0;
  }

  /**
   * Looks {@code o} up into {@code out}: {@code out.found}, the span in {@code out.a}, {@link
   * #WHOLE} or {@link #ELEMENT} in {@code out.meta}.
   */
  void get(Object o, WeakIdentityTable.Slot out) {
    table.get(o, out);
  }
}
