/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import dev.tooltrace.record.Buf;
import dev.tooltrace.record.CanonicalHash;
import dev.tooltrace.record.ContentHasher;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ValueEncoder;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * Looks at the elements of a value for lineage ({@link RecordFormat#SECTION_ELEMENTS}): the
 * elements of a collection, object array, map (keys and values), {@code Optional}, and the
 * components of a record that holds such values, depth first, up to {@link #MAX_DEPTH} levels below
 * the value and {@code capture.elements.max} entries per value. Each element gets an entry with
 * what linking needs: the span that returned that very object (identity) and a content hash — on
 * the argument side only for elements no producer explains, on the return side always (a later call
 * may receive a copy). Nulls get no entry (they carry no data).
 *
 * <p>For a return value, every element is also remembered as an element of the call's output
 * ({@link IdentityLinks#putElement}), and its entry names the object's earlier producer, if any: a
 * stage that returns the outputs of the calls nested in it hands them on.
 *
 * <p>Reading an application's collection never changes it and never lets an exception reach the
 * application: a collection changed by another thread while it is read ({@code
 * ConcurrentModificationException}, an index gone) ends the walk, the entries seen so far are kept
 * and the value is flagged {@link RecordFormat#ELEMENTS_DEGRADED}. No {@code hashCode()}, {@code
 * equals()} or {@code toString()} of an element is called; record accessors and iterators are.
 */
final class ElementWalker {
  /** Deepest entry level (entries at this level are not walked into). */
  static final int MAX_DEPTH = RecordFormat.ELEMENT_DEPTH_MASK;

  /** Elements per value in sampled mode (a parameter switched by its budget). */
  static final int SAMPLED_MAX_ELEMENTS = 32;

  /** Bytes of element content hashed per value in sampled mode. */
  static final long SAMPLED_HASH_BYTES = 8 * 1024;

  private final int maxElements;
  private final long hashMaxBytes;
  private final CanonicalHash canonical;
  private final IdentityLinks links;
  private final HashCache cache;

  /** Per-thread state of one walk, reused: a walk allocates nothing once warm. */
  static final class Scratch {
    final Buf entries = new Buf(256);
    final ContentHasher hasher = new ContentHasher();
    final WeakIdentityTable.Slot producer = new WeakIdentityTable.Slot();
    final WeakIdentityTable.Slot cached = new WeakIdentityTable.Slot();
    int count;
    long omitted;
    int flags;
    int max;
    long hashLeft;
    boolean sampled;
    long returnSpan;
  }

  ElementWalker(
      int maxElements,
      long hashMaxBytes,
      CanonicalHash canonical,
      IdentityLinks links,
      HashCache cache) {
    this.maxElements = maxElements;
    this.hashMaxBytes = hashMaxBytes;
    this.canonical = canonical;
    this.links = links;
    this.cache = cache;
  }

  /**
   * Whether {@code o} has elements to walk: a collection, map, object array, {@code Optional}, or a
   * record whose component types may hold one.
   */
  static boolean isContainer(Object o) {
    if (o instanceof String || o instanceof Number) {
      return false;
    }
    return o instanceof Collection
        || o instanceof Map
        || o instanceof Object[]
        || o instanceof Optional
        || (o != null && o.getClass().isRecord() && RECORDS_WALKED.get(o.getClass()));
  }

  /**
   * Walks {@code o}'s elements into {@code s} ({@code s.entries}, {@code s.count}, {@code
   * s.omitted}, {@code s.flags}); returns whether there is anything to write. With {@code
   * returnSpan} (not 0) the elements are remembered as elements of that span's output.
   */
  boolean walk(Object o, Scratch s, boolean sampled, long returnSpan) {
    s.entries.clear();
    s.count = 0;
    s.omitted = 0;
    s.flags = 0;
    s.sampled = sampled;
    s.returnSpan = returnSpan;
    s.max = sampled ? Math.min(maxElements, SAMPLED_MAX_ELEMENTS) : maxElements;
    s.hashLeft = sampled ? SAMPLED_HASH_BYTES : hashMaxBytes;
    if (s.max <= 0) {
      return false;
    }
    try {
      children(o, 0, s);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // Changed while read (ConcurrentModificationException, an index gone), an accessor or
      // iterator that threw: keep what was seen.
      s.flags |= RecordFormat.ELEMENTS_DEGRADED;
    }
    return s.count > 0 || s.flags != 0;
  }

  /** Visits the elements of {@code c} at {@code depth}; false when the walk must stop. */
  private boolean children(Object c, int depth, Scratch s) {
    if (c instanceof List && c instanceof RandomAccess) {
      List<?> l = (List<?>) c;
      int n = l.size();
      for (int i = 0; i < n; i++) {
        if (full(s, n - i) || !visit(l.get(i), depth, s)) {
          return false;
        }
      }
    } else if (c instanceof Collection) {
      Collection<?> col = (Collection<?>) c;
      int n = col.size();
      int i = 0;
      for (Iterator<?> it = col.iterator(); it.hasNext(); i++) {
        if (full(s, n - i)) {
          return false;
        }
        if (!visit(it.next(), depth, s)) {
          return false;
        }
      }
    } else if (c instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) c;
      int n = m.size();
      int i = 0;
      for (Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator(); it.hasNext(); i++) {
        if (full(s, 2L * (n - i))) {
          return false;
        }
        Map.Entry<?, ?> e = it.next();
        if (!visit(e.getKey(), depth, s) || !visit(e.getValue(), depth, s)) {
          return false;
        }
      }
    } else if (c instanceof Object[]) {
      Object[] a = (Object[]) c;
      for (int i = 0; i < a.length; i++) {
        if (full(s, a.length - i) || !visit(a[i], depth, s)) {
          return false;
        }
      }
    } else if (c instanceof Optional) {
      return visit(((Optional<?>) c).orElse(null), depth, s);
    } else if (c.getClass().isRecord()) {
      Method[] acc = CanonicalHash.recordAccessors(c.getClass());
      if (acc == null) {
        s.flags |= RecordFormat.ELEMENTS_TRUNCATED;
        return true;
      }
      for (int i = 0; i < acc.length; i++) {
        Object v;
        try {
          v = acc[i].invoke(c);
        } catch (ReflectiveOperationException e) {
          s.flags |= RecordFormat.ELEMENTS_DEGRADED;
          return false;
        }
        if (full(s, acc.length - i) || !visit(v, depth, s)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether the entries are at their bound; if so, counts the {@code left} elements not seen. */
  private static boolean full(Scratch s, long left) {
    if (s.count < s.max) {
      return false;
    }
    s.flags |= RecordFormat.ELEMENTS_TRUNCATED;
    s.omitted += left;
    return true;
  }

  /** Writes the entry of element {@code e} (and walks into it); false when the walk must stop. */
  private boolean visit(Object e, int depth, Scratch s) {
    if (e == null) {
      return true;
    }
    boolean containerType = isContainer(e);
    boolean container = containerType && depth < MAX_DEPTH;
    long producer = 0;
    boolean producerIsElement = false;
    if (ValueWriter.identityTracked(e)) {
      WeakIdentityTable.Slot p = s.producer;
      if (s.returnSpan != 0) {
        links.putElement(e, s.returnSpan, p);
      } else {
        links.get(e, p);
      }
      if (p.found) {
        producer = p.a;
        producerIsElement = p.meta == IdentityLinks.ELEMENT;
      }
    }
    int kind = RecordFormat.HASH_NONE;
    long hi = 0;
    long lo = 0;
    if (!container && (s.returnSpan != 0 || producer == 0) && linkableByContent(e)) {
      if (s.hashLeft > 0) {
        ContentHasher h = s.hasher;
        if (HashCache.cacheable(e) && cache.get(e, s.sampled, s.cached)) {
          kind = s.cached.meta;
          hi = s.cached.a;
          lo = s.cached.b;
        } else {
          h.reset();
          kind = canonical.hash(h, e, s.sampled);
          s.hashLeft -= h.bytesHashed();
          if (kind != RecordFormat.HASH_NONE) {
            h.finish();
            hi = h.hi;
            lo = h.lo;
            if (HashCache.cacheable(e)) {
              cache.put(e, kind, hi, lo, s.sampled);
            }
          }
        }
      } else {
        s.flags |= RecordFormat.ELEMENTS_TRUNCATED; // hashes beyond the budget are left out
      }
    }
    ValueEncoder.elementEntry(
        s.entries, depth, container, kind, hi, lo, producer, producerIsElement);
    s.count++;
    if (container) {
      return children(e, depth + 1, s);
    }
    if (containerType) {
      s.flags |= RecordFormat.ELEMENTS_TRUNCATED; // nested deeper than MAX_DEPTH
      s.omitted += sizeOf(e);
    }
    return true;
  }

  /**
   * Whether an element is worth a content hash: not a number, boolean, character, enum or class
   * (shared constants, which link nothing by content), not empty.
   */
  private static boolean linkableByContent(Object e) {
    if (e instanceof String) {
      return !((String) e).isEmpty();
    }
    if (!ValueWriter.identityTracked(e)) {
      return false;
    }
    if (e instanceof Collection) {
      return !((Collection<?>) e).isEmpty();
    }
    if (e instanceof Map) {
      return !((Map<?, ?>) e).isEmpty();
    }
    if (e.getClass().isArray()) {
      return java.lang.reflect.Array.getLength(e) != 0;
    }
    return true;
  }

  private static long sizeOf(Object e) {
    if (e instanceof Collection) {
      return ((Collection<?>) e).size();
    }
    if (e instanceof Map) {
      return 2L * ((Map<?, ?>) e).size();
    }
    if (e instanceof Object[]) {
      return ((Object[]) e).length;
    }
    return 1;
  }

  /**
   * Record types walked as containers: those with a component whose declared type may hold elements
   * (a collection, map, object array, {@code Optional}, {@code Iterable}, {@code Object}, or such a
   * record). A record of plain values (strings, numbers) is one leaf: hashed whole.
   */
  private static final ClassValue<Boolean> RECORDS_WALKED =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return holdsContainers(type, 0);
        }
      };

  private static boolean holdsContainers(Class<?> type, int depth) {
    if (depth > 3) {
      return false;
    }
    RecordComponent[] rc;
    try {
      rc = type.getRecordComponents();
    } catch (RuntimeException e) {
      return false;
    }
    if (rc == null) {
      return false;
    }
    for (RecordComponent c : rc) {
      Class<?> t = c.getType();
      if (Collection.class.isAssignableFrom(t)
          || Map.class.isAssignableFrom(t)
          || Optional.class == t
          || Iterable.class == t
          || Object.class == t
          || (t.isArray() && !t.getComponentType().isPrimitive())
          || (t.isRecord() && holdsContainers(t, depth + 1))) {
        return true;
      }
    }
    return false;
  }
}
