/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import java.lang.ref.WeakReference;

/**
 * Remembers which span returned an object, by identity, so that when the very same object is passed
 * to another tool its record names the producer ({@code producerSpanId}). Keys are held weakly (the
 * agent never keeps an application object alive) and {@code hashCode()} of the object is never
 * called: slots are found by {@link System#identityHashCode}.
 *
 * <p>Bounded: each of the 64 segments holds at most {@code capacity/64} entries; a full segment
 * first drops cleared references, then forgets its oldest half. Lineage by identity is then lost
 * for those old objects, never wrong: a stale slot is only matched by the same live object. Tables
 * start small and double as they fill (up to that bound), so an application that returns few
 * objects does not pay for a million slots (tens of megabytes) at start.
 */
final class IdentityLinks {
  private static final int SEGMENTS = 64;
  private final Segment[] segments = new Segment[SEGMENTS];

  IdentityLinks(int capacity) {
    int per = Integer.highestOneBit(Math.max(64, capacity / SEGMENTS));
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment(per);
    }
  }

  void put(Object o, long spanId) {
    int h = mix(System.identityHashCode(o));
    segments[h & (SEGMENTS - 1)].put(o, h >>> 6, spanId);
  }

  /** The span that last returned {@code o}, or 0. */
  long get(Object o) {
    int h = mix(System.identityHashCode(o));
    return segments[h & (SEGMENTS - 1)].get(o, h >>> 6);
  }

  private static int mix(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private static final class Segment {
    private final int max;
    private WeakReference<Object>[] keys;
    private long[] values;
    private long[] ages;
    private int size;
    private long clock;

    /** Table length at most: twice the entries, so probes stay short. */
    private final int maxLength;

    @SuppressWarnings("unchecked")
    Segment(int max) {
      this.max = max;
      this.maxLength = Math.max(16, max * 2);
      keys = new WeakReference[16];
      values = new long[keys.length];
      ages = new long[keys.length];
    }

    synchronized void put(Object o, int h, long v) {
      int mask = keys.length - 1;
      int free = -1;
      for (int i = h & mask, n = 0; n < keys.length; i = (i + 1) & mask, n++) {
        WeakReference<Object> k = keys[i];
        if (k == null) {
          if (free < 0) {
            free = i;
          }
          break;
        }
        Object ko = k.get();
        if (ko == o) {
          values[i] = v;
          ages[i] = ++clock;
          return;
        }
        if (ko == null && free < 0) {
          free = i;
        }
      }
      if (size >= max) {
        evict();
        put(o, h, v);
        return;
      }
      if (size >= keys.length / 2 && keys.length < maxLength) {
        rebuild(keys.length * 2, Long.MIN_VALUE);
        put(o, h, v);
        return;
      }
      if (free < 0) {
        return;
      }
      if (keys[free] == null) {
        size++;
      }
      keys[free] = new WeakReference<>(o);
      values[free] = v;
      ages[free] = ++clock;
    }

    synchronized long get(Object o, int h) {
      int mask = keys.length - 1;
      for (int i = h & mask, n = 0; n < keys.length; i = (i + 1) & mask, n++) {
        WeakReference<Object> k = keys[i];
        if (k == null) {
          return 0;
        }
        if (k.get() == o) {
          return values[i];
        }
      }
      return 0;
    }

    /** Rebuilds the table keeping live entries, and only the newest half if still full. */
    private void evict() {
      int live = 0;
      for (WeakReference<Object> k : keys) {
        if (k != null && k.get() != null) {
          live++;
        }
      }
      rebuild(keys.length, live >= max ? clock - max / 2 : Long.MIN_VALUE);
    }

    /** Rehashes the live entries not older than {@code cutoff} into a table of {@code length}. */
    @SuppressWarnings("unchecked")
    private void rebuild(int length, long cutoff) {
      WeakReference<Object>[] oldK = keys;
      long[] oldV = values;
      long[] oldA = ages;
      keys = new WeakReference[length];
      values = new long[length];
      ages = new long[length];
      size = 0;
      int mask = keys.length - 1;
      for (int j = 0; j < oldK.length; j++) {
        WeakReference<Object> k = oldK[j];
        Object o = k == null ? null : k.get();
        if (o == null || oldA[j] < cutoff) {
          continue;
        }
        int i = mix(System.identityHashCode(o)) >>> 6 & mask;
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = k;
        values[i] = oldV[j];
        ages[i] = oldA[j];
        size++;
      }
    }
  }
}
