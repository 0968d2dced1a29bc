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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Describes an application object for a record: actual type, content hash, size, bounded preview
 * and producer span. Everything here runs application code only through {@code toString()} of
 * objects that have no structured form, always guarded, bounded, timed per type (a type whose
 * toString() proves slow is previewed by name from then on) and with the thread marked busy (a
 * tracked method called from such a {@code toString()} is not recorded). {@code hashCode()} and
 * {@code equals()} of application objects are never called.
 *
 * <p>The content hash follows {@link ContentHasher}'s canonical encoding so that equal values hash
 * alike in every JVM. Mutable objects that are not collections (plain beans) have no content hash
 * here: they are identified by identity (the producer span).
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

  private final int previewChars;
  private final CanonicalHash canonical;
  private final IdentityLinks links;
  private final CaptureWriter capture;

  ValueWriter(int previewChars, long hashMaxBytes, IdentityLinks links) {
    this(previewChars, hashMaxBytes, links, null);
  }

  /**
   * @param capture writes full captures for replay; null when no tool captures arguments
   */
  ValueWriter(int previewChars, long hashMaxBytes, IdentityLinks links, CaptureWriter capture) {
    this.previewChars = previewChars;
    this.canonical = new CanonicalHash(hashMaxBytes);
    this.links = links;
    this.capture = capture;
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
    write(b, o, ts, false);
  }

  /**
   * Writes {@code o} as a value; with {@code captured} also its full capture for replay (or the
   * reason it has none), see {@link CaptureWriter}.
   */
  void write(Buf b, Object o, ThreadState ts, boolean captured) {
    if (o == null) {
      ValueEncoder.nullValue(b);
      return;
    }
    int start = b.length();
    try {
      Class<?> type = o.getClass();
      ContentHasher h = ts.hasher.reset();
      int hashKind = canonical.hash(h, o);
      if (hashKind != RecordFormat.HASH_NONE) {
        h.finish();
      }
      long size = sizeOf(o);
      int cflag = captured && capture != null ? RecordFormat.VFLAG_CAPTURED : 0;
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
            (truncated ? RecordFormat.VFLAG_PREVIEW_TRUNCATED : 0) | cflag);
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
            (truncated ? RecordFormat.VFLAG_PREVIEW_TRUNCATED : 0) | cflag);
        b.str(sb, previewChars);
        if (sb.capacity() > 64 * 1024) {
          ts.text.setLength(0);
          ts.text.trimToSize();
        }
      }
      long producer = identityTracked(o) ? links.get(o) : 0;
      ValueEncoder.objectTail(b, producer, cflag != 0 ? capture.write(ts.text, o) : null);
    } catch (Throwable t) {
      b.truncate(start);
      ValueEncoder.unavailable(b, "describing the value failed: " + t.getClass().getName());
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
    } else if (o instanceof Collection) {
      sb.append("[…]"); // nested too deep (or a cycle): its toString() would recurse as well
    } else if (o instanceof Map) {
      sb.append("{…}");
    } else {
      String s = toStringGuarded(o);
      sb.append(s, 0, Math.min(s.length(), Math.max(0, limit - sb.length())));
    }
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
