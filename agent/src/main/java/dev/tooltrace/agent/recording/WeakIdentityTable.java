/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import java.lang.ref.WeakReference;

/**
 * A bounded map from objects, by identity and held weakly, to two longs and a small int: the store
 * behind {@link IdentityLinks} (which span returned an object) and {@link HashCache} (the content
 * hash of an immutable object). The agent never keeps an application object alive through it, and
 * never calls {@code hashCode()} or {@code equals()} of one: slots are found by {@link
 * System#identityHashCode}.
 *
 * <p>Bounded: each of the 64 segments holds at most {@code capacity/64} entries; a full segment
 * first drops cleared references, then forgets its oldest half. A forgotten entry is a lookup that
 * misses, never a wrong answer: a slot is only matched by the very object it was made for. Each
 * segment is guarded by its own monitor (held for a probe of a few slots), so threads rarely meet.
 */
final class WeakIdentityTable {
  private static final int SEGMENTS = 64;
  private final Segment[] segments = new Segment[SEGMENTS];

  /** What a lookup found: filled by {@link #get} and {@link #put}; one per thread, reused. */
  static final class Slot {
    boolean found;
    long a;
    long b;
    int meta;

    void clear() {
      found = false;
      a = 0;
      b = 0;
      meta = 0;
    }
  }

  /**
   * @param capacity entries kept at most
   * @param twoValues whether entries use {@code b} (else it is not stored and reads as 0)
   */
  WeakIdentityTable(int capacity, boolean twoValues) {
    int per = Integer.highestOneBit(Math.max(64, capacity / SEGMENTS));
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment(per, twoValues);
    }
  }

  /** Looks {@code o} up: {@code out.found} and, when found, its values. */
  void get(Object o, Slot out) {
    int h = mix(System.identityHashCode(o));
    segments[h & (SEGMENTS - 1)].get(o, h >>> 6, out);
  }

  /**
   * Sets {@code o}'s values, unless it already has an entry whose meta is {@code keepMeta} (or any
   * entry, for {@link #KEEP_ANY}) while {@code meta} is not (a better entry is kept). {@code
   * previous} (if not null) gets what was there before.
   */
  void put(Object o, long a, long b, int meta, int keepMeta, Slot previous) {
    int h = mix(System.identityHashCode(o));
    segments[h & (SEGMENTS - 1)].put(o, h >>> 6, a, b, meta, keepMeta, previous);
  }

  /** {@code keepMeta} that keeps whatever entry exists: set only when absent. */
  static final int KEEP_ANY = -2;

  private static int mix(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private static final class Segment {
    private static final int INITIAL = 16;
    private final int max;
    private final boolean twoValues;
    private WeakReference<Object>[] keys;
    private long[] as;
    private long[] bs;
    private byte[] metas;
    private long[] ages;
    private int size;
    private long clock;

    Segment(int max, boolean twoValues) {
      this.max = max;
      this.twoValues = twoValues;
      alloc(INITIAL);
    }

    @SuppressWarnings("unchecked")
    private void alloc(int n) {
      keys = new WeakReference[n];
      as = new long[n];
      bs = twoValues ? new long[n] : null;
      metas = new byte[n];
      ages = new long[n];
    }

    /** The table length for {@code max} entries: at most half full. */
    private int fullLength() {
      return Math.max(INITIAL, max * 2);
    }

    synchronized void put(Object o, int h, long a, long b, int meta, int keepMeta, Slot previous) {
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
          if (previous != null) {
            previous.found = true;
            previous.a = as[i];
            previous.b = twoValues ? bs[i] : 0;
            previous.meta = metas[i];
          }
          if (keepMeta == KEEP_ANY || (metas[i] == keepMeta && meta != keepMeta)) {
            return;
          }
          set(i, a, b, meta);
          return;
        }
        if (ko == null && free < 0) {
          free = i;
        }
      }
      if (previous != null) {
        previous.clear();
      }
      if (size >= max || (2 * (size + 1) > keys.length && keys.length < fullLength())) {
        rebuild();
        put(o, h, a, b, meta, keepMeta, null);
        return;
      }
      if (free < 0) {
        return;
      }
      if (keys[free] == null) {
        size++;
      }
      keys[free] = new WeakReference<>(o);
      set(free, a, b, meta);
    }

    private void set(int i, long a, long b, int meta) {
      as[i] = a;
      if (twoValues) {
        bs[i] = b;
      }
      metas[i] = (byte) meta;
      ages[i] = ++clock;
    }

    synchronized void get(Object o, int h, Slot out) {
      int mask = keys.length - 1;
      for (int i = h & mask, n = 0; n < keys.length; i = (i + 1) & mask, n++) {
        WeakReference<Object> k = keys[i];
        if (k == null) {
          break;
        }
        if (k.get() == o) {
          out.found = true;
          out.a = as[i];
          out.b = twoValues ? bs[i] : 0;
          out.meta = metas[i];
          return;
        }
      }
      out.clear();
    }

    /**
     * Rebuilds the table keeping live entries: twice as long while it may still grow, and keeping
     * only the newest half of the entries when it is full of live ones.
     */
    private void rebuild() {
      WeakReference<Object>[] oldK = keys;
      long[] oldA = as;
      long[] oldB = bs;
      byte[] oldM = metas;
      long[] oldAge = ages;
      int live = 0;
      for (WeakReference<Object> k : oldK) {
        if (k != null && k.get() != null) {
          live++;
        }
      }
      long cutoff = live >= max ? clock - max / 2 : Long.MIN_VALUE;
      int length = oldK.length;
      if (live < max && 2 * (live + 1) > length) {
        length = Math.min(fullLength(), length * 2);
      }
      alloc(length);
      size = 0;
      int mask = keys.length - 1;
      for (int j = 0; j < oldK.length; j++) {
        WeakReference<Object> k = oldK[j];
        Object o = k == null ? null : k.get();
        if (o == null || oldAge[j] < cutoff) {
          continue;
        }
        int i = mix(System.identityHashCode(o)) >>> 6 & mask;
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = k;
        as[i] = oldA[j];
        if (twoValues) {
          bs[i] = oldB[j];
        }
        metas[i] = oldM[j];
        ages[i] = oldAge[j];
        size++;
      }
    }
  }
}
