/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;

/**
 * The content hash of a Java object in {@link ContentHasher}'s canonical encoding. One
 * implementation for the agent (hashing live arguments and results) and the replayer (hashing a
 * replayed result in a fresh JVM), so that "reproduced" means the very hash the agent recorded.
 *
 * <p>Runs no application code except record accessors and the iterators of collections; {@code
 * hashCode()}/{@code equals()} are never called. Objects without a structured form (plain beans)
 * get {@link RecordFormat#HASH_NONE}: they are identified by identity only. Instances are immutable
 * and thread-safe; the caller's hasher is not.
 *
 * <h2>Exact and sampled hashes</h2>
 *
 * <p>A value whose canonical encoding fits in {@code hashMaxBytes} is hashed exactly ({@link
 * RecordFormat#HASH_CONTENT}). A larger one, and any large part of a value hashed in <em>sampled
 * mode</em> (the agent's budget switched the parameter to a cheaper description), gets a sampled
 * hash ({@link RecordFormat#HASH_PARTIAL}): a {@code '~'} marker, the type tag, the length, and
 * {@value #WINDOWS} windows spread evenly over the content (strings: 32 chars each, byte arrays 64
 * bytes, other primitive arrays 8 elements, lists and object arrays one element each, itself hashed
 * in sampled mode; other collections: the first {@value #WINDOWS} elements of a list without random
 * access, none for sets and maps, which then have no hash). Equal sampled hashes therefore mean
 * equal type, equal length and equal samples, never more; they never equal an exact hash.
 *
 * <p>A value small enough to be covered by its samples (a string of at most 1024 chars, say) is
 * hashed exactly in sampled mode too, with the very bytes of exact mode: an exact hash is the same
 * whichever mode computed it.
 */
public final class CanonicalHash {
  private static final int MAX_DEPTH = 12;

  /** Windows per sampled sequence. */
  static final int WINDOWS = 32;

  /** Bytes of canonical encoding a sampled hash covers at most (then it stops sampling). */
  static final int SAMPLE_BUDGET = 8 * 1024;

  private static final int STRING_WINDOW = 32;
  private static final int BYTES_WINDOW = 64;
  private static final int PRIMITIVE_WINDOW = 8;

  /** Bytes of canonical encoding a sampled hash of nested short sequences covers at most. */
  static final int SAMPLE_LIMIT = 4 * SAMPLE_BUDGET;

  /** An exact hash would exceed {@code hashMaxBytes}: the whole value is hashed sampled. */
  private static final int OVERFLOW = -1;

  /** A sampled hash reached {@link #SAMPLE_LIMIT}: the sequence ends here, partially hashed. */
  private static final int CUT = -2;

  /**
   * The accessible component accessors of a record class, cached per class; null when they cannot
   * be made accessible. Shared with the agent's argument capture.
   */
  public static Method[] recordAccessors(Class<?> recordType) {
    return RECORD_ACCESSORS.get(recordType);
  }

  private static final ClassValue<Method[]> RECORD_ACCESSORS =
      new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
          try {
            RecordComponent[] rc = type.getRecordComponents();
            Method[] m = new Method[rc.length];
            for (int i = 0; i < rc.length; i++) {
              m[i] = rc[i].getAccessor();
              m[i].setAccessible(true);
            }
            return m;
          } catch (RuntimeException inaccessible) {
            return null;
          }
        }
      };

  private final long hashMaxBytes;

  /**
   * @param hashMaxBytes values whose canonical encoding is larger get a sampled hash (the agent's
   *     {@code capture.hash.max.bytes})
   */
  public CanonicalHash(long hashMaxBytes) {
    this.hashMaxBytes = hashMaxBytes;
  }

  /** The hex hash of {@code o}, or null when it has none; for readers, allocates. */
  public String hex(Object o) {
    return hex(o, false);
  }

  /** The hex hash of {@code o} in exact or sampled mode, or null when it has none. */
  public String hex(Object o, boolean sampled) {
    ContentHasher h = new ContentHasher();
    int kind = hash(h, o, sampled);
    return kind == RecordFormat.HASH_NONE ? null : h.finish().hex();
  }

  /**
   * Feeds {@code o}'s canonical encoding into {@code h} (which the caller resets and finishes);
   * returns the hash kind, one of {@code RecordFormat.HASH_*}.
   */
  public int hash(ContentHasher h, Object o) {
    return hash(h, o, false);
  }

  /**
   * As {@link #hash(ContentHasher, Object)}; with {@code sampled}, large parts of the value are
   * sampled even when the whole would fit in {@code hashMaxBytes}. The hasher must be fresh
   * (reset): a value that turns out too large for an exact hash is hashed again, sampled, from the
   * start.
   */
  public int hash(ContentHasher h, Object o, boolean sampled) {
    if (!sampled) {
      int k = hash(h, o, 0, false);
      if (k != OVERFLOW) {
        return k;
      }
      h.reset();
    }
    int k = hash(h, o, 0, true);
    return k == OVERFLOW ? RecordFormat.HASH_NONE : k;
  }

  /** Whether exact mode may still add {@code bytes} bytes to {@code h}. */
  private boolean fits(ContentHasher h, long bytes) {
    return h.bytesHashed() + bytes <= hashMaxBytes;
  }

  private int hash(ContentHasher h, Object o, int depth, boolean sampled) {
    if (depth > MAX_DEPTH) {
      return RecordFormat.HASH_NONE;
    }
    if (o == null) {
      h.putByte('N');
      return RecordFormat.HASH_CONTENT;
    }
    if (o instanceof String) {
      return hashString(h, (String) o, sampled);
    }
    if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
      PrimitiveValues.hashIntegral(
          h, PrimitiveValues.tag(o.getClass().getName()), ((Number) o).longValue());
      return RecordFormat.HASH_CONTENT;
    }
    if (o instanceof Double || o instanceof Float) {
      PrimitiveValues.hashFloating(
          h, PrimitiveValues.tag(o.getClass().getName()), ((Number) o).doubleValue());
      return RecordFormat.HASH_CONTENT;
    }
    if (o instanceof Boolean) {
      PrimitiveValues.hashIntegral(h, 'Z', ((Boolean) o) ? 1 : 0);
      return RecordFormat.HASH_CONTENT;
    }
    if (o instanceof Character) {
      PrimitiveValues.hashIntegral(h, 'C', (Character) o);
      return RecordFormat.HASH_CONTENT;
    }
    if (o instanceof Enum) {
      h.putByte('E');
      h.putString(((Enum<?>) o).getDeclaringClass().getName());
      h.putString(((Enum<?>) o).name());
      return RecordFormat.HASH_CONTENT;
    }
    if (o instanceof java.math.BigInteger
        || o instanceof java.math.BigDecimal
        || o instanceof java.util.UUID
        || o instanceof java.time.temporal.TemporalAccessor
        || o instanceof java.time.Duration
        || o instanceof java.net.URI
        || o instanceof java.nio.file.Path
        || o instanceof java.io.File) {
      h.putByte('v');
      h.putString(o.getClass().getName());
      h.putString(o.toString());
      return RecordFormat.HASH_CONTENT;
    }
    Class<?> c = o.getClass();
    if (c.isArray()) {
      return hashArray(h, o, depth, sampled);
    }
    if (o instanceof Optional) {
      h.putByte('O');
      return hash(h, ((Optional<?>) o).orElse(null), depth + 1, sampled);
    }
    if (o instanceof List) {
      return hashList(h, (List<?>) o, depth, sampled);
    }
    if (o instanceof Set) {
      return hashUnordered(
          h, 'U', ((Set<?>) o).size(), ((Set<?>) o).iterator(), false, depth, sampled);
    }
    if (o instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) o;
      return hashUnordered(h, 'M', m.size(), m.entrySet().iterator(), true, depth, sampled);
    }
    if (c.isRecord()) {
      Method[] acc = RECORD_ACCESSORS.get(c);
      if (acc == null) {
        return RecordFormat.HASH_NONE;
      }
      h.putByte('R');
      h.putString(c.getName());
      int kind = RecordFormat.HASH_CONTENT;
      for (Method m : acc) {
        Object v;
        try {
          v = m.invoke(o);
        } catch (ReflectiveOperationException e) {
          return RecordFormat.HASH_NONE;
        }
        int k = hash(h, v, depth + 1, sampled);
        if (k == RecordFormat.HASH_NONE || k == OVERFLOW) {
          return k;
        }
        kind = Math.max(kind, k);
      }
      return kind;
    }
    return RecordFormat.HASH_NONE;
  }

  // ---- strings and arrays --------------------------------------------------------------------

  private int hashString(ContentHasher h, String s, boolean sampled) {
    int n = s.length();
    if (sampled ? 2L * n <= WINDOWS * STRING_WINDOW * 2L : fits(h, 9 + 2L * n)) {
      h.putByte('s');
      h.putLong(n);
      h.putChars(s, 0, n);
      return RecordFormat.HASH_CONTENT;
    }
    if (!sampled) {
      return OVERFLOW;
    }
    h.putByte('~').putByte('s').putLong(n);
    for (int i = 0; i < WINDOWS; i++) {
      int at = windowStart(i, n, STRING_WINDOW);
      h.putChars(s, at, at + STRING_WINDOW);
    }
    return RecordFormat.HASH_PARTIAL;
  }

  /**
   * Where window {@code i} of {@link #WINDOWS} windows of {@code w} units over {@code n} starts.
   */
  static int windowStart(int i, int n, int w) {
    return (int) ((long) i * (n - w) / (WINDOWS - 1));
  }

  private int hashArray(ContentHasher h, Object a, int depth, boolean sampled) {
    Class<?> ct = a.getClass().getComponentType();
    if (!ct.isPrimitive()) {
      return hashObjects(h, (Object[]) a, depth, sampled);
    }
    if (a instanceof byte[]) {
      byte[] b = (byte[]) a;
      int n = b.length;
      if (sampled ? n <= WINDOWS * BYTES_WINDOW : fits(h, 10L + n)) {
        h.putByte('[').putByte('B').putLong(n);
        h.putBytes(b, 0, n);
        return RecordFormat.HASH_CONTENT;
      }
      if (!sampled) {
        return OVERFLOW;
      }
      h.putByte('~').putByte('[').putByte('B').putLong(n);
      for (int i = 0; i < WINDOWS; i++) {
        h.putBytes(b, windowStart(i, n, BYTES_WINDOW), BYTES_WINDOW);
      }
      return RecordFormat.HASH_PARTIAL;
    }
    char tag = PrimitiveValues.tag(ct.getName());
    int n = java.lang.reflect.Array.getLength(a);
    if (sampled ? n <= WINDOWS * PRIMITIVE_WINDOW : fits(h, 10L + 8L * n)) {
      h.putByte('[').putByte(tag).putLong(n);
      primitives(h, a, tag, 0, n);
      return RecordFormat.HASH_CONTENT;
    }
    if (!sampled) {
      return OVERFLOW;
    }
    h.putByte('~').putByte('[').putByte(tag).putLong(n);
    for (int i = 0; i < WINDOWS; i++) {
      int at = windowStart(i, n, PRIMITIVE_WINDOW);
      primitives(h, a, tag, at, at + PRIMITIVE_WINDOW);
    }
    return RecordFormat.HASH_PARTIAL;
  }

  /** Elements [from, to) of a primitive array other than byte[], 8 bytes each. */
  private static void primitives(ContentHasher h, Object a, char tag, int from, int to) {
    switch (tag) {
      case 'Z':
        {
          boolean[] x = (boolean[]) a;
          for (int i = from; i < to; i++) {
            h.putLong(x[i] ? 1 : 0);
          }
          break;
        }
      case 'C':
        {
          char[] x = (char[]) a;
          for (int i = from; i < to; i++) {
            h.putLong(x[i]);
          }
          break;
        }
      case 'S':
        {
          short[] x = (short[]) a;
          for (int i = from; i < to; i++) {
            h.putLong(x[i]);
          }
          break;
        }
      case 'I':
        {
          int[] x = (int[]) a;
          for (int i = from; i < to; i++) {
            h.putLong(x[i]);
          }
          break;
        }
      case 'J':
        {
          long[] x = (long[]) a;
          for (int i = from; i < to; i++) {
            h.putLong(x[i]);
          }
          break;
        }
      case 'F':
        {
          float[] x = (float[]) a;
          for (int i = from; i < to; i++) {
            PrimitiveValues.hashFloating(h, 'F', x[i]);
          }
          break;
        }
      default:
        {
          double[] x = (double[]) a;
          for (int i = from; i < to; i++) {
            PrimitiveValues.hashFloating(h, 'D', x[i]);
          }
          break;
        }
    }
  }

  // ---- lists, object arrays, sets and maps ---------------------------------------------------

  private int hashObjects(ContentHasher h, Object[] a, int depth, boolean sampled) {
    int n = a.length;
    if (!sampled || n <= WINDOWS) {
      h.putByte('[').putByte('L').putLong(n);
      int kind = RecordFormat.HASH_CONTENT;
      for (Object e : a) {
        int k = element(h, e, depth, sampled);
        if (k == CUT) {
          return RecordFormat.HASH_PARTIAL;
        }
        if (k == RecordFormat.HASH_NONE || k == OVERFLOW) {
          return k;
        }
        kind = Math.max(kind, k);
      }
      return kind;
    }
    h.putByte('~').putByte('[').putByte('L').putLong(n);
    for (int i = 0; i < WINDOWS && h.bytesHashed() <= SAMPLE_BUDGET; i++) {
      if (hash(h, a[windowStart(i, n, 1)], depth + 1, true) == RecordFormat.HASH_NONE) {
        return RecordFormat.HASH_NONE;
      }
    }
    return RecordFormat.HASH_PARTIAL;
  }

  private int hashList(ContentHasher h, List<?> l, int depth, boolean sampled) {
    int n = l.size();
    if (!sampled || n <= WINDOWS) {
      h.putByte('L');
      h.putLong(n);
      int kind = RecordFormat.HASH_CONTENT;
      for (Object e : l) {
        int k = element(h, e, depth, sampled);
        if (k == CUT) {
          return RecordFormat.HASH_PARTIAL;
        }
        if (k == RecordFormat.HASH_NONE || k == OVERFLOW) {
          return k;
        }
        kind = Math.max(kind, k);
      }
      return kind;
    }
    h.putByte('~').putByte('L').putLong(n);
    if (l instanceof RandomAccess) {
      for (int i = 0; i < WINDOWS && h.bytesHashed() <= SAMPLE_BUDGET; i++) {
        if (hash(h, l.get(windowStart(i, n, 1)), depth + 1, true) == RecordFormat.HASH_NONE) {
          return RecordFormat.HASH_NONE;
        }
      }
    } else {
      Iterator<?> it = l.iterator();
      for (int i = 0; i < WINDOWS && it.hasNext() && h.bytesHashed() <= SAMPLE_BUDGET; i++) {
        if (hash(h, it.next(), depth + 1, true) == RecordFormat.HASH_NONE) {
          return RecordFormat.HASH_NONE;
        }
      }
    }
    return RecordFormat.HASH_PARTIAL;
  }

  /**
   * One element of an ordered sequence hashed in full (exact mode, or a short sampled one). A
   * sampled value that has already fed {@link #SAMPLE_LIMIT} bytes (short lists of large values,
   * nested) stops there: a {@code '~'} marks the cut, and the hash is partial.
   */
  private int element(ContentHasher h, Object e, int depth, boolean sampled) {
    if (h.bytesHashed() > (sampled ? SAMPLE_LIMIT : hashMaxBytes)) {
      if (!sampled) {
        return OVERFLOW;
      }
      h.putByte('~');
      return CUT;
    }
    return hash(h, e, depth + 1, sampled);
  }

  /** Sets and maps: element hashes combined by sum and xor, so iteration order does not matter. */
  private int hashUnordered(
      ContentHasher h,
      char tag,
      int size,
      Iterator<?> it,
      boolean entries,
      int depth,
      boolean sampled) {
    if (sampled && size > WINDOWS) {
      return RecordFormat.HASH_NONE; // no sample of an unordered collection is canonical
    }
    long sumHi = 0;
    long sumLo = 0;
    long xorHi = 0;
    long count = 0;
    long budget = h.bytesHashed();
    ContentHasher sub = new ContentHasher();
    while (it.hasNext()) {
      Object e = it.next();
      sub.reset();
      int k;
      if (entries) {
        Map.Entry<?, ?> me = (Map.Entry<?, ?>) e;
        k = hash(sub, me.getKey(), depth + 1, sampled);
        if (k != RecordFormat.HASH_NONE && k != OVERFLOW) {
          k = Math.max(k, hash(sub, me.getValue(), depth + 1, sampled));
        }
      } else {
        k = hash(sub, e, depth + 1, sampled);
      }
      if (k == OVERFLOW) {
        return OVERFLOW;
      }
      if (k != RecordFormat.HASH_CONTENT) {
        return RecordFormat.HASH_NONE; // partial elements would depend on iteration order
      }
      budget += sub.bytesHashed();
      if (!sampled && budget > hashMaxBytes) {
        return OVERFLOW;
      }
      sub.finish();
      sumHi += sub.hi;
      sumLo += sub.lo;
      xorHi ^= sub.hi;
      count++;
    }
    h.putByte(tag).putLong(count).putLong(sumHi).putLong(sumLo).putLong(xorHi);
    return RecordFormat.HASH_CONTENT;
  }
}
