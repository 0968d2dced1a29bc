/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import dev.tooltrace.record.CaptureFormat;
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
 * Writes the full capture of an argument for replay, in {@link CaptureFormat}'s JSON, or the reason
 * it cannot be captured. Runs only for tools that capture arguments (opt-in), so it may allocate;
 * it is bounded by {@code capture.max.bytes} and by nesting depth, and it never calls {@code
 * hashCode}/{@code equals}/{@code toString} of application objects — only record accessors and bean
 * getters, with the thread marked busy by the caller.
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
    sb.setLength(0);
    String reason;
    try {
      reason = value(sb, o, 0);
    } catch (Throwable t) {
      reason = "capturing failed: " + t.getClass().getName();
    }
    if (reason == null && utf8Length(sb) > maxBytes) {
      reason = tooLarge();
    }
    if (reason != null) {
      sb.setLength(0);
      sb.append("{\"").append(CaptureFormat.UNCAPTURED).append("\":");
      string(sb, reason);
      sb.append('}');
    }
    return sb;
  }

  private String tooLarge() {
    return "larger than capture.max.bytes (" + maxBytes + " bytes)";
  }

  /** Appends {@code o}; returns null on success, else why it is not replayable. */
  private String value(StringBuilder sb, Object o, int depth) {
    if (sb.length() > maxBytes) {
      return tooLarge();
    }
    if (depth > MAX_DEPTH) {
      return "nested deeper than " + MAX_DEPTH + " levels";
    }
    if (o == null) {
      sb.append("null");
      return null;
    }
    if (o instanceof String) {
      if (((String) o).length() > maxBytes) {
        return tooLarge();
      }
      string(sb, (String) o);
      return null;
    }
    if (o instanceof Boolean) {
      sb.append(((Boolean) o).booleanValue());
      return null;
    }
    if (o instanceof Number || o instanceof Character) {
      String key = boxKey(o);
      if (key != null) {
        sb.append("{\"").append(key).append("\":");
        scalar(sb, o);
        sb.append('}');
        return null;
      }
    }
    Class<?> c = o.getClass();
    if (o instanceof Enum) {
      sb.append("{\"enum\":");
      string(sb, ((Enum<?>) o).getDeclaringClass().getName());
      sb.append(",\"name\":");
      string(sb, ((Enum<?>) o).name());
      sb.append('}');
      return null;
    }
    if (c.isArray()) {
      return array(sb, o, depth);
    }
    if (o instanceof Optional) {
      sb.append("{\"optional\":");
      String r = value(sb, ((Optional<?>) o).orElse(null), depth + 1);
      sb.append('}');
      return r == null ? null : "in an Optional: " + r;
    }
    if (o instanceof List || o instanceof Set) {
      sb.append("{\"")
          .append(o instanceof List ? CaptureFormat.LIST : CaptureFormat.SET)
          .append("\":");
      string(sb, c.getName());
      sb.append(",\"items\":[");
      int i = 0;
      for (Object e : (Collection<?>) o) {
        if (i > 0) {
          sb.append(',');
        }
        String r = value(sb, e, depth + 1);
        if (r != null) {
          return "element " + i + ": " + r;
        }
        i++;
      }
      sb.append("]}");
      return null;
    }
    if (o instanceof Map) {
      return map(sb, (Map<?, ?>) o, depth);
    }
    if (c.isRecord()) {
      return record(sb, o, c, depth);
    }
    if (o instanceof Collection) {
      return "collection type " + c.getName() + " is neither a List nor a Set";
    }
    TreeMap<String, Method> getters = BEAN_GETTERS.get(c);
    if (getters != null) {
      return bean(sb, o, c, getters, depth);
    }
    return "type "
        + c.getName()
        + " is not replayable (not a primitive, string, enum, array,"
        + " list, set, map, record or simple bean)";
  }

  private static String boxKey(Object o) {
    if (o instanceof Integer) {
      return "int";
    } else if (o instanceof Long) {
      return "long";
    } else if (o instanceof Double) {
      return "double";
    } else if (o instanceof Float) {
      return "float";
    } else if (o instanceof Short) {
      return "short";
    } else if (o instanceof Byte) {
      return "byte";
    } else if (o instanceof Character) {
      return "char";
    }
    return null;
  }

  /** A boxed primitive's raw JSON: number, or string for char and floating point. */
  private static void scalar(StringBuilder sb, Object o) {
    if (o instanceof Double || o instanceof Float || o instanceof Character) {
      string(sb, o.toString());
    } else {
      sb.append(o);
    }
  }

  private String array(StringBuilder sb, Object a, int depth) {
    Class<?> ct = a.getClass().getComponentType();
    sb.append("{\"array\":");
    string(sb, ct.getName());
    sb.append(",\"items\":[");
    int n = Array.getLength(a);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      if (sb.length() > maxBytes) {
        return tooLarge();
      }
      Object e = Array.get(a, i);
      if (ct.isPrimitive()) {
        if (e instanceof Boolean) {
          sb.append(e);
        } else {
          scalar(sb, e);
        }
      } else {
        String r = value(sb, e, depth + 1);
        if (r != null) {
          return "element " + i + ": " + r;
        }
      }
    }
    sb.append("]}");
    return null;
  }

  private String map(StringBuilder sb, Map<?, ?> m, int depth) {
    sb.append("{\"map\":");
    string(sb, m.getClass().getName());
    sb.append(",\"entries\":[");
    boolean first = true;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      if (e.getKey() instanceof String && redactNames.matcher((String) e.getKey()).matches()) {
        return "map key '" + e.getKey() + "' matches redact.names";
      }
      sb.append('[');
      String r = value(sb, e.getKey(), depth + 1);
      if (r != null) {
        return "a map key: " + r;
      }
      sb.append(',');
      r = value(sb, e.getValue(), depth + 1);
      if (r != null) {
        return "map value of " + e.getKey() + ": " + r;
      }
      sb.append(']');
    }
    sb.append("]}");
    return null;
  }

  private String record(StringBuilder sb, Object o, Class<?> c, int depth) {
    Method[] acc = dev.tooltrace.record.CanonicalHash.recordAccessors(c);
    if (acc == null) {
      return "record " + c.getName() + " is not accessible";
    }
    sb.append("{\"record\":");
    string(sb, c.getName());
    sb.append(",\"components\":[");
    for (int i = 0; i < acc.length; i++) {
      if (redactNames.matcher(acc[i].getName()).matches()) {
        return "component '" + acc[i].getName() + "' of " + c.getName() + " matches redact.names";
      }
      if (i > 0) {
        sb.append(',');
      }
      Object v;
      try {
        v = acc[i].invoke(o);
      } catch (ReflectiveOperationException e) {
        return "component '" + acc[i].getName() + "' of " + c.getName() + " cannot be read";
      }
      String r = value(sb, v, depth + 1);
      if (r != null) {
        return "component '" + acc[i].getName() + "' of " + c.getName() + ": " + r;
      }
    }
    sb.append("]}");
    return null;
  }

  private String bean(
      StringBuilder sb, Object o, Class<?> c, TreeMap<String, Method> getters, int depth) {
    sb.append("{\"bean\":");
    string(sb, c.getName());
    sb.append(",\"properties\":{");
    boolean first = true;
    for (Map.Entry<String, Method> g : getters.entrySet()) {
      if (redactNames.matcher(g.getKey()).matches()) {
        return "property '" + g.getKey() + "' of " + c.getName() + " matches redact.names";
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      string(sb, g.getKey());
      sb.append(':');
      Object v;
      try {
        v = g.getValue().invoke(o);
      } catch (ReflectiveOperationException e) {
        return "property '" + g.getKey() + "' of " + c.getName() + " cannot be read";
      }
      String r = value(sb, v, depth + 1);
      if (r != null) {
        return "property '" + g.getKey() + "' of " + c.getName() + ": " + r;
      }
    }
    sb.append("}}");
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

  static void string(StringBuilder sb, CharSequence s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20 || Character.isSurrogate(c)) {
            // Escaped surrogates keep lone halves intact through UTF-8.
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  private static long utf8Length(CharSequence s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    return n;
  }
}
