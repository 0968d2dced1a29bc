/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import dev.tooltrace.agent.log.AgentLog;
import dev.tooltrace.record.Buf;
import dev.tooltrace.record.CanonicalHash;
import dev.tooltrace.record.ContentHasher;
import dev.tooltrace.record.Encoder;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ValueEncoder;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Describes an application object for a record: actual type, content hash, size, bounded preview,
 * producer span and, for collections and the like, its elements ({@link ElementWalker}). Everything
 * here runs application code only through {@code toString()} of objects that have no structured
 * form (always guarded, bounded, timed per type: a type whose toString() proves slow is previewed
 * by name from then on, with the thread marked busy so that a tracked method called from it is not
 * recorded), through record accessors and through the iterators of collections. {@code hashCode()}
 * and {@code equals()} of application objects are never called.
 *
 * <p>The content hash follows {@link ContentHasher}'s canonical encoding so that equal values hash
 * alike in every JVM. Mutable objects that are not collections (plain beans) have no content hash
 * here: they are identified by identity (the producer span).
 *
 * <h2>Bounded cost per call</h2>
 *
 * <p>Describing a value costs at most what {@code capture.hash.max.bytes} (bytes hashed exactly,
 * beyond it a sampled hash) and {@code capture.elements.max} (elements looked at) allow; on top of
 * that an adaptive budget per parameter ({@link ValueBudget}): describing a large value is timed,
 * and a parameter whose description keeps costing more than {@code capture.budget.micros} and much
 * more than the call itself is switched to sampled hashes and fewer elements, reported once.
 * Parameters selected by {@code capture.hash} are never switched. Immutable values are hashed once
 * per instance ({@link HashCache}).
 */
final class ValueWriter {
  private static final AgentLog.Component LOG = AgentLog.of("record");
  private static final int MAX_DEPTH = 12;
  private static final ClassValue<byte[]> TYPE_NAMES =
      new ClassValue<>() {
        @Override
        protected byte[] computeValue(Class<?> type) {
          return Encoder.encodeStr(type.getTypeName());
        }
      };

  /** Values at least this large (chars, elements) are timed for their parameter's budget. */
  static final int TIMED_MIN_SIZE = 1024;

  /**
   * Bytes an exact hash must feed before its time counts against the parameter's budget: about what
   * a sampled hash feeds at most, below which the switch would save nothing.
   */
  static final int SWITCH_MIN_BYTES = 8 * 1024;

  private static final int MAX_SWITCHES_LOGGED = 20;

  private final int previewChars;
  private final CanonicalHash canonical;
  private final IdentityLinks links;
  private final CaptureWriter capture;
  private final HashCache cache;
  private final ElementWalker elements;
  private final long budgetNanos;
  private final AtomicInteger switches = new AtomicInteger();
  private final LongAdder sampledValues = new LongAdder();
  private final LongAdder degradedValues = new LongAdder();

  ValueWriter(int previewChars, long hashMaxBytes, IdentityLinks links) {
    this(previewChars, hashMaxBytes, links, null, 0, 0);
  }

  /**
   * @param capture writes full captures for replay; null when no tool captures arguments
   * @param elementsMax elements looked at per value ({@code capture.elements.max}; 0: none)
   * @param budgetMicros the per-call budget of a parameter's description ({@code
   *     capture.budget.micros}; 0: never switch)
   */
  ValueWriter(
      int previewChars,
      long hashMaxBytes,
      IdentityLinks links,
      CaptureWriter capture,
      int elementsMax,
      long budgetMicros) {
    this.previewChars = previewChars;
    this.canonical = new CanonicalHash(hashMaxBytes);
    this.links = links;
    this.capture = capture;
    this.cache = new HashCache(1 << 14);
    this.elements = new ElementWalker(elementsMax, hashMaxBytes, canonical, links, cache);
    this.budgetNanos = budgetMicros * 1000;
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

  /** Values described with a sampled hash because their parameter was switched. */
  long sampledValues() {
    return sampledValues.sum();
  }

  /** Values whose elements could not all be read (changed while read, an iterator threw). */
  long degradedValues() {
    return degradedValues.sum();
  }

  /** Writes {@code o} as a value (the thread must be marked busy by the caller). */
  void write(Buf b, Object o, ThreadState ts) {
    write(b, o, ts, false, null, 0);
  }

  /**
   * Writes {@code o} as a value; with {@code captured} also its full capture for replay (or the
   * reason it has none), see {@link CaptureWriter}. Returns the nanoseconds the description took
   * when the value was large enough to be timed for {@code budget}, else -1.
   *
   * @param budget the parameter's budget (null: exact, untimed)
   * @param returnSpan the span returning {@code o} (its elements are remembered as that span's), or
   *     0 for an argument
   */
  long write(
      Buf b, Object o, ThreadState ts, boolean captured, ValueBudget budget, long returnSpan) {
    if (o == null) {
      ValueEncoder.nullValue(b);
      return -1;
    }
    int start = b.length();
    long t0 = budget != null && worthTiming(o) ? System.nanoTime() : 0;
    boolean cheapest = false;
    try {
      Class<?> type = o.getClass();
      boolean sampled = budget != null && budget.sampled;
      ContentHasher h = ts.hasher;
      h.reset(); // a cached hash feeds no bytes
      int hashKind = hash(h, o, sampled, ts.scratch);
      boolean container = ElementWalker.isContainer(o);
      // Whether the switch to sampled descriptions would make this one cheaper: an exact hash that
      // fed more than a sample's worth of bytes, or a container hashed exactly until it turned out
      // too large (then again, sampled). A short value, a value sampled for its size up front (a
      // long string or primitive array), a cached hash or an identity is already described as
      // cheaply as the switch would make it: its time says nothing about the parameter (in a cold
      // JVM even a tiny record takes tens of microseconds) and never counts against it.
      cheapest =
          !(hashKind == RecordFormat.HASH_CONTENT && h.bytesHashed() > SWITCH_MIN_BYTES)
              && !(hashKind == RecordFormat.HASH_PARTIAL && container && !sampled);
      long size = sizeOf(o);
      int cflag = captured && capture != null ? RecordFormat.VFLAG_CAPTURED : 0;
      long producer = 0;
      int pflag = 0;
      if (identityTracked(o)) {
        WeakIdentityTable.Slot p = ts.scratch.producer;
        links.get(o, p);
        if (p.found) {
          producer = p.a;
          pflag = p.meta == IdentityLinks.ELEMENT ? RecordFormat.VFLAG_PRODUCER_ELEMENT : 0;
        }
      }
      int sflag = 0;
      if (sampled && hashKind == RecordFormat.HASH_PARTIAL) {
        sflag = RecordFormat.VFLAG_HASH_SAMPLED;
        sampledValues.increment();
      }
      String preview;
      boolean truncated;
      if (o instanceof String) {
        String s = (String) o;
        truncated = s.length() > previewChars;
        ValueEncoder.objectHead(
            b,
            TYPE_NAMES.get(type),
            hashKind,
            h.hi,
            h.lo,
            size,
            (truncated ? RecordFormat.VFLAG_PREVIEW_TRUNCATED : 0) | cflag | pflag | sflag);
        b.str(s, previewChars);
      } else {
        StringBuilder sb = ts.text;
        sb.setLength(0);
        preview(sb, o, 0);
        truncated = sb.length() > previewChars;
        ValueEncoder.objectHead(
            b,
            TYPE_NAMES.get(type),
            hashKind,
            h.hi,
            h.lo,
            size,
            (truncated ? RecordFormat.VFLAG_PREVIEW_TRUNCATED : 0) | cflag | pflag | sflag);
        b.str(sb, previewChars);
        if (sb.capacity() > 64 * 1024) {
          ts.text.setLength(0);
          ts.text.trimToSize();
        }
      }
      ValueEncoder.objectTail(b, producer, cflag != 0 ? capture.write(ts.text, o) : null);
      if (container) {
        ElementWalker.Scratch es = ts.scratch;
        if (elements.walk(o, es, sampled, returnSpan)) {
          if (es.count > ElementWalker.SAMPLED_MAX_ELEMENTS) {
            cheapest = false; // the switch would walk fewer elements
          }
          if ((es.flags & RecordFormat.ELEMENTS_DEGRADED) != 0) {
            degradedValues.increment();
          }
          ValueEncoder.elements(b, start, es.flags, es.omitted, es.count, es.entries);
        }
        if (es.entries.array().length > 64 * 1024) {
          es.entries.clearAndTrim(4096);
        }
      }
    } catch (Throwable t) {
      b.truncate(start);
      ValueEncoder.unavailable(b, "describing the value failed: " + t.getClass().getName());
    }
    return t0 != 0 && !cheapest ? Math.max(0, System.nanoTime() - t0) : -1;
  }

  /**
   * The content hash of {@code o} into {@code h} (finished unless NONE): immutable values from the
   * cache when they are in it.
   */
  private int hash(ContentHasher h, Object o, boolean sampled, ElementWalker.Scratch s) {
    boolean cacheable = HashCache.cacheable(o);
    if (cacheable && cache.get(o, sampled, s.cached)) {
      h.hi = s.cached.a;
      h.lo = s.cached.b;
      return s.cached.meta;
    }
    h.reset();
    int kind;
    try {
      kind = canonical.hash(h, o, sampled);
    } catch (RuntimeException changedWhileRead) {
      // A collection changed by another thread while hashed (or an accessor that threw): no
      // content hash; identity still links it.
      return RecordFormat.HASH_NONE;
    }
    if (kind != RecordFormat.HASH_NONE) {
      h.finish();
      if (cacheable) {
        cache.put(o, kind, h.hi, h.lo, sampled);
      }
    }
    return kind;
  }

  /**
   * Whether describing {@code o} may cost enough to be timed against its parameter's budget: long
   * strings and arrays, collections and maps, records and optionals (which may hold them). Short
   * strings, numbers and plain objects are never timed: they cannot cost microseconds (previews of
   * plain objects have their own guard), and two clock reads would be most of their cost.
   */
  private static boolean worthTiming(Object o) {
    if (o instanceof String) {
      return ((String) o).length() >= TIMED_MIN_SIZE;
    }
    if (o instanceof Collection || o instanceof Map || o instanceof Optional) {
      return true;
    }
    Class<?> c = o.getClass();
    if (c.isArray()) {
      return !c.getComponentType().isPrimitive()
          || java.lang.reflect.Array.getLength(o) >= TIMED_MIN_SIZE;
    }
    return c.isRecord();
  }

  /**
   * Judges a description of {@code budget}'s parameter that took {@code describeNanos} for a call
   * whose own work took {@code callNanos}; reports the parameter when this switches it.
   */
  void judge(ValueBudget budget, long describeNanos, long callNanos) {
    if (budget == null || describeNanos < 0) {
      return;
    }
    if (budget.judge(describeNanos, callNanos, budgetNanos)) {
      int n = switches.incrementAndGet();
      if (n <= MAX_SWITCHES_LOGGED) {
        LOG.info(
            "values of "
                + budget.param
                + " of tool '"
                + budget.tool
                + "' are now described with sampled hashes and at most "
                + ElementWalker.SAMPLED_MAX_ELEMENTS
                + " elements: describing one took "
                + micros(budget.lastDescribeNanos)
                + " us, more than "
                + ValueBudget.CALL_FACTOR
                + " times the call itself ("
                + micros(budget.lastCallNanos)
                + " us) and the budget ("
                + budgetNanos / 1000
                + " us, capture.budget.micros), "
                + ValueBudget.SWITCH_AFTER
                + " calls in a row; lineage through them is 'probable' from now on"
                + " (capture.hash="
                + budget.tool
                + "#"
                + budget.paramKey
                + " keeps exact hashes)"
                + (n == MAX_SWITCHES_LOGGED ? "; further switches are not reported" : ""));
      }
    }
  }

  private static String micros(long nanos) {
    return nanos >= 10_000 ? Long.toString(nanos / 1000) : String.format("%.1f", nanos / 1000.0);
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
        sb.append(Character.forDigit((b[i] >> 4) & 0xF, 16))
            .append(Character.forDigit(b[i] & 0xF, 16));
      }
    } else if (o instanceof Object[]) {
      Object[] a = (Object[]) o;
      sb.append('[');
      for (int i = 0; i < a.length && sb.length() < limit; i++) {
        if (i > 0) {
          sb.append(", ");
        }
        preview(sb, a[i], depth + 1);
      }
      sb.append(']');
    } else if (o.getClass().isArray()) {
      primitives(sb, o, limit);
    } else if (o instanceof Number && o.getClass().getName().startsWith("java.lang.")
        || o instanceof Boolean
        || o instanceof Character) {
      sb.append(o); // a JDK box: its toString() is the JDK's, cheap and safe
    } else if (o instanceof Collection && depth < MAX_DEPTH) {
      sb.append('[');
      boolean first = true;
      try {
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
      } catch (RuntimeException changedWhileRead) {
        sb.append(first ? "…" : ", …");
      }
      sb.append(']');
    } else if (o instanceof Map && depth < MAX_DEPTH) {
      sb.append('{');
      boolean first = true;
      try {
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
      } catch (RuntimeException changedWhileRead) {
        sb.append(first ? "…" : ", …");
      }
      sb.append('}');
    } else if (o instanceof Collection) {
      sb.append("[…]"); // nested too deep (or a cycle): its toString() would recurse as well
    } else if (o instanceof Map) {
      sb.append("{…}");
    } else {
      String s = toStringGuarded(o);
      sb.append(s, 0, Math.min(s.length(), Math.max(0, limit - sb.length())));
    }
  }

  /**
   * A primitive array other than byte[], element by element as {@code Arrays.toString} writes it,
   * without boxing.
   */
  private static void primitives(StringBuilder sb, Object a, int limit) {
    sb.append('[');
    int n = java.lang.reflect.Array.getLength(a);
    for (int i = 0; i < n && sb.length() < limit; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      if (a instanceof int[]) {
        sb.append(((int[]) a)[i]);
      } else if (a instanceof long[]) {
        sb.append(((long[]) a)[i]);
      } else if (a instanceof char[]) {
        sb.append(((char[]) a)[i]);
      } else if (a instanceof double[]) {
        sb.append(((double[]) a)[i]);
      } else if (a instanceof float[]) {
        sb.append(((float[]) a)[i]);
      } else if (a instanceof short[]) {
        sb.append(((short[]) a)[i]);
      } else if (a instanceof boolean[]) {
        sb.append(((boolean[]) a)[i]);
      }
    }
    sb.append(']');
  }

  // ---- toString() of application objects ---------------------------------------------------

  /**
   * A type whose toString() never took less than this, over {@link #SLOW_MIN_CALLS} calls, is
   * previewed by name from then on. The minimum, not the mean: on a busy machine any call may be
   * descheduled or meet a GC pause, but a toString() that is cheap at all is sometimes fast.
   */
  static final long SLOW_NANOS = 100_000L;

  static final int SLOW_MIN_CALLS = 5;

  private static final int MAX_SLOW_TYPES_LOGGED = 20;

  /** The fastest toString() of a type seen so far, and whether previews still call it. */
  static final class ToStringCost {
    final AtomicInteger calls = new AtomicInteger();
    volatile long fastestNanos = Long.MAX_VALUE;
    volatile boolean skipped;
  }

  private static final ClassValue<ToStringCost> TO_STRING_COSTS =
      new ClassValue<>() {
        @Override
        protected ToStringCost computeValue(Class<?> type) {
          return new ToStringCost();
        }
      };

  private final AtomicInteger slowTypes = new AtomicInteger();

  /**
   * {@code String.valueOf(o)} for a preview, timed per type. A type whose toString() is
   * consistently slow (it builds a huge string, say, of which the preview keeps 256 characters)
   * would make the agent cost the application far more than the tool call itself: once its fastest
   * call over {@link #SLOW_MIN_CALLS} calls took more than {@link #SLOW_NANOS}, its previews are
   * its name only. Each such type is reported once (the first {@value #MAX_SLOW_TYPES_LOGGED}).
   */
  private String toStringGuarded(Object o) {
    Class<?> type = o.getClass();
    ToStringCost cost = TO_STRING_COSTS.get(type);
    if (cost.skipped) {
      return type.getName() + "@<toString() skipped: too slow for previews>";
    }
    long start = System.nanoTime();
    String s;
    try {
      s = String.valueOf(o);
    } catch (Throwable t) {
      s = type.getName() + "@<toString() threw " + t.getClass().getName() + ">";
    }
    long took = System.nanoTime() - start;
    if (took < cost.fastestNanos) {
      cost.fastestNanos = took; // a lost race only delays the verdict
    }
    if (cost.fastestNanos > SLOW_NANOS && cost.calls.incrementAndGet() >= SLOW_MIN_CALLS) {
      cost.skipped = true;
      int n = slowTypes.incrementAndGet();
      if (n <= MAX_SLOW_TYPES_LOGGED) {
        LOG.info(
            "previews of "
                + type.getName()
                + " no longer call its toString(): its fastest of "
                + SLOW_MIN_CALLS
                + " calls took "
                + cost.fastestNanos / 1000
                + " us (limit "
                + SLOW_NANOS / 1000
                + " us)"
                + (n == MAX_SLOW_TYPES_LOGGED ? "; further such types are not reported" : ""));
      }
    }
    return s;
  }
}
