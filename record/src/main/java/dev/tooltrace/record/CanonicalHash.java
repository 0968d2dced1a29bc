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
import java.util.Set;

/**
 * The content hash of a Java object in {@link ContentHasher}'s canonical encoding. One
 * implementation for the agent (hashing live arguments and results) and the replayer (hashing a
 * replayed result in a fresh JVM), so that "reproduced" means the very hash the agent recorded.
 *
 * <p>Runs no application code except record accessors; {@code hashCode()}/{@code equals()} are
 * never called. Objects without a structured form (plain beans) get {@link RecordFormat#HASH_NONE}:
 * they are identified by identity only. Not thread-safe only in that the caller's hasher is;
 * instances are immutable.
 */
public final class CanonicalHash {
  private static final int MAX_DEPTH = 12;

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
   * @param hashMaxBytes values larger than this get a partial hash (the agent's setting)
   */
  public CanonicalHash(long hashMaxBytes) {
    this.hashMaxBytes = hashMaxBytes;
  }

  /** The hex hash of {@code o}, or null when it has none; for readers, allocates. */
  public String hex(Object o) {
    ContentHasher h = new ContentHasher();
    int kind = hash(h, o);
    return kind == RecordFormat.HASH_NONE ? null : h.finish().hex();
  }

  /**
   * Feeds {@code o}'s canonical encoding into {@code h} (which the caller resets and finishes);
   * returns the hash kind, one of {@code RecordFormat.HASH_*}.
   */
  public int hash(ContentHasher h, Object o) {
    return hash(h, o, 0);
  }

  private int hash(ContentHasher h, Object o, int depth) {
    if (depth > MAX_DEPTH) {
      return RecordFormat.HASH_NONE;
    }
    if (o == null) {
      h.putByte('N');
      return RecordFormat.HASH_CONTENT;
    }
    if (o instanceof String) {
      return hashString(h, (String) o);
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
      return hashArray(h, o, depth);
    }
    if (o instanceof Optional) {
      h.putByte('O');
      return hash(h, ((Optional<?>) o).orElse(null), depth + 1);
    }
    if (o instanceof List) {
      List<?> l = (List<?>) o;
      h.putByte('L');
      h.putLong(l.size());
      return hashOrdered(h, l.iterator(), depth);
    }
    if (o instanceof Set) {
      return hashUnordered(h, 'U', ((Set<?>) o).iterator(), false, depth);
    }
    if (o instanceof Map) {
      return hashUnordered(h, 'M', ((Map<?, ?>) o).entrySet().iterator(), true, depth);
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
        int k = hash(h, v, depth + 1);
        if (k == RecordFormat.HASH_NONE) {
          return k;
        }
        kind = Math.max(kind, k);
      }
      return kind;
    }
    return RecordFormat.HASH_NONE;
  }

  private int hashString(ContentHasher h, String s) {
    long bytes = 2L * s.length();
    h.putByte('s');
    h.putLong(s.length());
    if (bytes <= hashMaxBytes) {
      h.putChars(s, 0, s.length());
      return RecordFormat.HASH_CONTENT;
    }
    int part = (int) (hashMaxBytes / 4);
    h.putChars(s, 0, part);
    h.putChars(s, s.length() - part, s.length());
    return RecordFormat.HASH_PARTIAL;
  }

  private int hashArray(ContentHasher h, Object a, int depth) {
    int n = java.lang.reflect.Array.getLength(a);
    h.putByte('[');
    Class<?> ct = a.getClass().getComponentType();
    if (a instanceof byte[]) {
      byte[] b = (byte[]) a;
      h.putByte('B').putLong(n);
      if (n <= hashMaxBytes) {
        h.putBytes(b, 0, n);
        return RecordFormat.HASH_CONTENT;
      }
      int part = (int) (hashMaxBytes / 2);
      h.putBytes(b, 0, part).putBytes(b, n - part, part);
      return RecordFormat.HASH_PARTIAL;
    }
    if (ct.isPrimitive()) {
      char tag = PrimitiveValues.tag(ct.getName());
      h.putByte(tag).putLong(n);
      int limit = (int) Math.min(n, hashMaxBytes / 8);
      for (int i = 0; i < limit; i++) {
        if (tag == 'F' || tag == 'D') {
          PrimitiveValues.hashFloating(
              h, tag, ((Number) java.lang.reflect.Array.get(a, i)).doubleValue());
        } else if (tag == 'Z') {
          h.putLong(((boolean[]) a)[i] ? 1 : 0);
        } else if (tag == 'C') {
          h.putLong(((char[]) a)[i]);
        } else {
          h.putLong(((Number) java.lang.reflect.Array.get(a, i)).longValue());
        }
      }
      return limit == n ? RecordFormat.HASH_CONTENT : RecordFormat.HASH_PARTIAL;
    }
    h.putByte('L').putLong(n);
    return hashOrdered(h, java.util.Arrays.asList((Object[]) a).iterator(), depth);
  }

  private int hashOrdered(ContentHasher h, Iterator<?> it, int depth) {
    int kind = RecordFormat.HASH_CONTENT;
    while (it.hasNext()) {
      if (h.bytesHashed() > hashMaxBytes) {
        return RecordFormat.HASH_PARTIAL;
      }
      int k = hash(h, it.next(), depth + 1);
      if (k == RecordFormat.HASH_NONE) {
        return k;
      }
      kind = Math.max(kind, k);
    }
    return kind;
  }

  /** Sets and maps: element hashes combined by sum and xor, so iteration order does not matter. */
  private int hashUnordered(ContentHasher h, char tag, Iterator<?> it, boolean entries, int depth) {
    long sumHi = 0;
    long sumLo = 0;
    long xorHi = 0;
    long count = 0;
    long budget = 0;
    ContentHasher sub = new ContentHasher();
    while (it.hasNext()) {
      Object e = it.next();
      sub.reset();
      int k;
      if (entries) {
        Map.Entry<?, ?> me = (Map.Entry<?, ?>) e;
        k = hash(sub, me.getKey(), depth + 1);
        if (k != RecordFormat.HASH_NONE) {
          k = Math.max(k, hash(sub, me.getValue(), depth + 1));
        }
      } else {
        k = hash(sub, e, depth + 1);
      }
      if (k != RecordFormat.HASH_CONTENT) {
        return RecordFormat.HASH_NONE; // partial elements would depend on iteration order
      }
      budget += sub.bytesHashed();
      if (budget > hashMaxBytes) {
        return RecordFormat.HASH_NONE;
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
