/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import dev.tooltrace.record.Buf;
import dev.tooltrace.record.ContentHasher;
import dev.tooltrace.record.Encoder;
import dev.tooltrace.record.PrimitiveValues;
import dev.tooltrace.record.RecordFormat;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Describes an application object for a record: actual type, content hash, size, bounded preview
 * and producer span. Everything here runs application code only through {@code toString()} of
 * objects that have no structured form, always guarded, bounded and with the thread marked busy
 * (a tracked method called from such a {@code toString()} is not recorded). {@code hashCode()} and
 * {@code equals()} of application objects are never called.
 *
 * <p>The content hash follows {@link ContentHasher}'s canonical encoding so that equal values hash
 * alike in every JVM. Mutable objects that are not collections (plain beans) have no content hash
 * here: they are identified by identity (the producer span).
 */
final class ValueWriter {
  private static final int MAX_DEPTH = 12;
  private static final ClassValue<byte[]> TYPE_NAMES =
      new ClassValue<>() {
        @Override
        protected byte[] computeValue(Class<?> type) {
          return Encoder.encodeStr(type.getTypeName());
        }
      };
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

  private final int previewChars;
  private final long hashMaxBytes;
  private final IdentityLinks links;

  ValueWriter(int previewChars, long hashMaxBytes, IdentityLinks links) {
    this.previewChars = previewChars;
    this.hashMaxBytes = hashMaxBytes;
    this.links = links;
  }

  /** Whether {@code o} is worth an identity link (not a shared box, enum or class constant). */
  static boolean identityTracked(Object o) {
    return !(o instanceof Number
        || o instanceof Boolean
        || o instanceof Character
        || o instanceof Enum
        || o instanceof Class);
  }

  void rememberProducer(Object o, long spanId) {
    if (o != null && identityTracked(o)) {
      links.put(o, spanId);
    }
  }

  /** Writes {@code o} as a value (the thread must be marked busy by the caller). */
  void write(Buf b, Object o, ThreadState ts) {
    if (o == null) {
      Encoder.valueNull(b);
      return;
    }
    int start = b.length();
    try {
      Class<?> type = o.getClass();
      ContentHasher h = ts.hasher.reset();
      int hashKind = hash(h, o, 0);
      if (hashKind != RecordFormat.HASH_NONE) {
        h.finish();
      }
      long size = sizeOf(o);
      String preview;
      boolean truncated;
      if (o instanceof String) {
        String s = (String) o;
        truncated = s.length() > previewChars;
        Encoder.objectHead(b, TYPE_NAMES.get(type), hashKind, h.hi, h.lo, size,
            truncated ? RecordFormat.VFLAG_PREVIEW_TRUNCATED : 0);
        b.str(s, previewChars);
      } else {
        StringBuilder sb = ts.text;
        sb.setLength(0);
        preview(sb, o, 0);
        truncated = sb.length() > previewChars;
        Encoder.objectHead(b, TYPE_NAMES.get(type), hashKind, h.hi, h.lo, size,
            truncated ? RecordFormat.VFLAG_PREVIEW_TRUNCATED : 0);
        b.str(sb, previewChars);
        if (sb.capacity() > 64 * 1024) {
          ts.text.setLength(0);
          ts.text.trimToSize();
        }
      }
      long producer = identityTracked(o) ? links.get(o) : 0;
      Encoder.objectTail(b, producer, null);
    } catch (Throwable t) {
      b.truncate(start);
      Encoder.valueUnavailable(b, "describing the value failed: " + t.getClass().getName());
    }
  }

  private static long sizeOf(Object o) {
    if (o instanceof CharSequence) {
      return ((CharSequence) o).length();
    }
    if (o instanceof Collection) {
      return ((Collection<?>) o).size();
    }
    if (o instanceof Map) {
      return ((Map<?, ?>) o).size();
    }
    if (o.getClass().isArray()) {
      return java.lang.reflect.Array.getLength(o);
    }
    return -1;
  }

  // ---- content hash ------------------------------------------------------------------------

  /** Feeds {@code o}'s canonical encoding into {@code h}; returns the hash kind. */
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
      PrimitiveValues.hashIntegral(h, PrimitiveValues.tag(o.getClass().getName()),
          ((Number) o).longValue());
      return RecordFormat.HASH_CONTENT;
    }
    if (o instanceof Double || o instanceof Float) {
      PrimitiveValues.hashFloating(h, PrimitiveValues.tag(o.getClass().getName()),
          ((Number) o).doubleValue());
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
    if (o instanceof java.math.BigInteger || o instanceof java.math.BigDecimal
        || o instanceof java.util.UUID || o instanceof java.time.temporal.TemporalAccessor
        || o instanceof java.time.Duration || o instanceof java.net.URI
        || o instanceof java.nio.file.Path || o instanceof java.io.File) {
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
          PrimitiveValues.hashFloating(h, tag, ((Number) java.lang.reflect.Array.get(a, i))
              .doubleValue());
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

  // ---- preview -----------------------------------------------------------------------------

  private void preview(StringBuilder sb, Object o, int depth) {
    int limit = previewChars + 1;
    if (sb.length() >= limit) {
      return;
    }
    if (o == null) {
      sb.append("null");
    } else if (o instanceof CharSequence && !(o instanceof String)) {
      CharSequence cs = (CharSequence) o;
      sb.append(cs, 0, Math.min(cs.length(), limit - sb.length()));
    } else if (o instanceof String) {
      String s = (String) o;
      if (depth > 0) {
        sb.append('"');
      }
      sb.append(s, 0, Math.min(s.length(), Math.max(0, limit - sb.length())));
      if (depth > 0 && sb.length() < limit) {
        sb.append('"');
      }
    } else if (o instanceof byte[]) {
      byte[] b = (byte[]) o;
      sb.append("byte[").append(b.length).append("] ");
      for (int i = 0; i < b.length && sb.length() < limit; i++) {
        sb.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
      }
    } else if (o.getClass().isArray()) {
      sb.append('[');
      int n = java.lang.reflect.Array.getLength(o);
      for (int i = 0; i < n && sb.length() < limit; i++) {
        if (i > 0) {
          sb.append(", ");
        }
        preview(sb, java.lang.reflect.Array.get(o, i), depth + 1);
      }
      sb.append(']');
    } else if (o instanceof Collection && depth < MAX_DEPTH) {
      sb.append('[');
      boolean first = true;
      for (Object e : (Collection<?>) o) {
        if (sb.length() >= limit) {
          break;
        }
        if (!first) {
          sb.append(", ");
        }
        first = false;
        preview(sb, e, depth + 1);
      }
      sb.append(']');
    } else if (o instanceof Map && depth < MAX_DEPTH) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
        if (sb.length() >= limit) {
          break;
        }
        if (!first) {
          sb.append(", ");
        }
        first = false;
        preview(sb, e.getKey(), depth + 1);
        sb.append('=');
        preview(sb, e.getValue(), depth + 1);
      }
      sb.append('}');
    } else {
      String s;
      try {
        s = String.valueOf(o);
      } catch (Throwable t) {
        s = o.getClass().getName() + "@<toString() threw " + t.getClass().getName() + ">";
      }
      sb.append(s, 0, Math.min(s.length(), Math.max(0, limit - sb.length())));
    }
  }
}
