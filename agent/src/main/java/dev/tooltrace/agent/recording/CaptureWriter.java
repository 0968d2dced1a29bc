/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import dev.tooltrace.record.CanonicalHash;
import dev.tooltrace.record.CaptureFormat;
import dev.tooltrace.record.CaptureJsonWriter;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Walks an argument for its full capture for replay, in {@link CaptureFormat}'s JSON (written by
 * the record contract's {@link CaptureJsonWriter}, which alone spells the format), or finds the
 * reason it cannot be captured. Runs only for tools that capture arguments (opt-in), so it may
 * allocate; it is bounded by {@code capture.max.bytes} and by nesting depth, and it never calls
 * {@code hashCode}/{@code equals}/{@code toString} of application objects — only record accessors
 * and bean getters, with the thread marked busy by the caller.
 *
 * <p>Names of record components, bean properties and string map keys that match {@code
 * redact.names} make the whole value uncaptured: a capture must never carry a secret.
 */
final class CaptureWriter {
  private static final int MAX_DEPTH = 12;

  /** Bean getters by property name (sorted), or null when the class is not a simple bean. */
  private static final ClassValue<TreeMap<String, Method>> BEAN_GETTERS =
      new ClassValue<>() {
        @Override
        protected TreeMap<String, Method> computeValue(Class<?> type) {
          return beanGetters(type);
        }
      };

  private final long maxBytes;
  private final Pattern redactNames;

  CaptureWriter(long maxBytes, Pattern redactNames) {
    this.maxBytes = maxBytes;
    this.redactNames = redactNames;
  }

  /** Writes the capture of {@code o} into {@code sb} (cleared first) and returns it. */
  CharSequence write(StringBuilder sb, Object o) {
    CaptureJsonWriter w = new CaptureJsonWriter(sb);
    w.reset();
    String reason;
    try {
      reason = value(w, o, 0);
    } catch (Throwable t) {
      reason = "capturing failed: " + t.getClass().getName();
    }
    if (reason == null && w.utf8Length() > maxBytes) {
      reason = tooLarge();
    }
    if (reason != null) {
      w.uncaptured(reason);
    }
    return sb;
  }

  private String tooLarge() {
    return "larger than capture.max.bytes (" + maxBytes + " bytes)";
  }

  /** Appends {@code o}; returns null on success, else why it is not replayable. */
  private String value(CaptureJsonWriter w, Object o, int depth) {
    if (w.out().length() > maxBytes) {
      return tooLarge();
    }
    if (depth > MAX_DEPTH) {
      return "nested deeper than " + MAX_DEPTH + " levels";
    }
    if (o == null) {
      w.nullValue();
      return null;
    }
    if (o instanceof String) {
      if (((String) o).length() > maxBytes) {
        return tooLarge();
      }
      w.string((String) o);
      return null;
    }
    if (o instanceof Boolean) {
      w.bool((Boolean) o);
      return null;
    }
    if ((o instanceof Number || o instanceof Character) && w.boxed(o)) {
      return null;
    }
    Class<?> c = o.getClass();
    if (o instanceof Enum) {
      w.enumValue(((Enum<?>) o).getDeclaringClass().getName(), ((Enum<?>) o).name());
      return null;
    }
    if (c.isArray()) {
      return array(w, o, depth);
    }
    if (o instanceof Optional) {
      w.beginOptional();
      String r = value(w, ((Optional<?>) o).orElse(null), depth + 1);
      w.endOptional();
      return r == null ? null : "in an Optional: " + r;
    }
    if (o instanceof List || o instanceof Set) {
      w.beginCollection(o instanceof Set, c.getName());
      int i = 0;
      for (Object e : (Collection<?>) o) {
        String r = value(w, e, depth + 1);
        if (r != null) {
          return "element " + i + ": " + r;
        }
        i++;
      }
      w.endCollection();
      return null;
    }
    if (o instanceof Map) {
      return map(w, (Map<?, ?>) o, depth);
    }
    if (c.isRecord()) {
      return record(w, o, c, depth);
    }
    if (o instanceof Collection) {
      return "collection type " + c.getName() + " is neither a List nor a Set";
    }
    TreeMap<String, Method> getters = BEAN_GETTERS.get(c);
    if (getters != null) {
      return bean(w, o, c, getters, depth);
    }
    return "type "
        + c.getName()
        + " is not replayable (not a primitive, string, enum, array,"
        + " list, set, map, record or simple bean)";
  }

  private String array(CaptureJsonWriter w, Object a, int depth) {
    Class<?> ct = a.getClass().getComponentType();
    w.beginArray(ct.getName());
    int n = Array.getLength(a);
    for (int i = 0; i < n; i++) {
      if (w.out().length() > maxBytes) {
        return tooLarge();
      }
      Object e = Array.get(a, i);
      if (ct.isPrimitive()) {
        w.primitiveItem(e);
      } else {
        String r = value(w, e, depth + 1);
        if (r != null) {
          return "element " + i + ": " + r;
        }
      }
    }
    w.endArray();
    return null;
  }

  private String map(CaptureJsonWriter w, Map<?, ?> m, int depth) {
    w.beginMap(m.getClass().getName());
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (e.getKey() instanceof String && redactNames.matcher((String) e.getKey()).matches()) {
        return "map key '" + e.getKey() + "' matches redact.names";
      }
      w.beginEntry();
      String r = value(w, e.getKey(), depth + 1);
      if (r != null) {
        return "a map key: " + r;
      }
      r = value(w, e.getValue(), depth + 1);
      if (r != null) {
        return "map value of " + e.getKey() + ": " + r;
      }
      w.endEntry();
    }
    w.endMap();
    return null;
  }

  private String record(CaptureJsonWriter w, Object o, Class<?> c, int depth) {
    Method[] acc = CanonicalHash.recordAccessors(c);
    if (acc == null) {
      return "record " + c.getName() + " is not accessible";
    }
    w.beginRecord(c.getName());
    for (int i = 0; i < acc.length; i++) {
      if (redactNames.matcher(acc[i].getName()).matches()) {
        return "component '" + acc[i].getName() + "' of " + c.getName() + " matches redact.names";
      }
      Object v;
      try {
        v = acc[i].invoke(o);
      } catch (ReflectiveOperationException e) {
        return "component '" + acc[i].getName() + "' of " + c.getName() + " cannot be read";
      }
      String r = value(w, v, depth + 1);
      if (r != null) {
        return "component '" + acc[i].getName() + "' of " + c.getName() + ": " + r;
      }
    }
    w.endRecord();
    return null;
  }

  private String bean(
      CaptureJsonWriter w, Object o, Class<?> c, TreeMap<String, Method> getters, int depth) {
    w.beginBean(c.getName());
    for (Map.Entry<String, Method> g : getters.entrySet()) {
      if (redactNames.matcher(g.getKey()).matches()) {
        return "property '" + g.getKey() + "' of " + c.getName() + " matches redact.names";
      }
      w.property(g.getKey());
      Object v;
      try {
        v = g.getValue().invoke(o);
      } catch (ReflectiveOperationException e) {
        return "property '" + g.getKey() + "' of " + c.getName() + " cannot be read";
      }
      String r = value(w, v, depth + 1);
      if (r != null) {
        return "property '" + g.getKey() + "' of " + c.getName() + ": " + r;
      }
    }
    w.endBean();
    return null;
  }

  /**
   * A simple bean: not a JDK class, a non-private no-arg constructor, and at least one property
   * with a public getter and a matching public setter. Only such properties are captured.
   */
  static TreeMap<String, Method> beanGetters(Class<?> type) {
    String n = type.getName();
    if (n.startsWith("java.")
        || n.startsWith("javax.")
        || n.startsWith("jdk.")
        || n.startsWith("sun.")
        || type.isInterface()
        || Modifier.isAbstract(type.getModifiers())
        || type.isAnonymousClass()
        || (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers()))) {
      return null;
    }
    try {
      Constructor<?> ctor = type.getDeclaredConstructor();
      if (Modifier.isPrivate(ctor.getModifiers())) {
        return null;
      }
    } catch (NoSuchMethodException e) {
      return null;
    }
    TreeMap<String, Method> getters = new TreeMap<>();
    List<Method> methods = new ArrayList<>(List.of(type.getMethods()));
    for (Method m : methods) {
      if (m.getParameterCount() != 0
          || Modifier.isStatic(m.getModifiers())
          || m.getDeclaringClass() == Object.class) {
        continue;
      }
      String prop = property(m.getName(), m.getReturnType());
      if (prop == null) {
        continue;
      }
      try {
        type.getMethod(
            "set" + m.getName().substring(m.getName().startsWith("is") ? 2 : 3), m.getReturnType());
        m.setAccessible(true);
        getters.put(prop, m);
      } catch (NoSuchMethodException | RuntimeException e) {
        // read-only property: not part of the bean's replayable state
      }
    }
    return getters.isEmpty() ? null : getters;
  }

  private static String property(String getter, Class<?> returnType) {
    String rest;
    if (getter.startsWith("get") && getter.length() > 3 && returnType != void.class) {
      rest = getter.substring(3);
    } else if (getter.startsWith("is") && getter.length() > 2 && returnType == boolean.class) {
      rest = getter.substring(2);
    } else {
      return null;
    }
    return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
  }
}
