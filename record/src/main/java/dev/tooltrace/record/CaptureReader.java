/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a capture ({@link CaptureFormat}) into a {@link CaptureValue}: the reader half of the
 * capture contract ({@link CaptureJsonWriter} is the other). It works on the generic tree any JSON
 * parser gives ({@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean}, null —
 * Jackson's {@code readValue(json, Object.class)}), so the record contract needs no JSON library.
 */
public final class CaptureReader {
  private CaptureReader() {}

  /** A capture that does not follow {@link CaptureFormat}. */
  public static final class MalformedCaptureException extends IllegalArgumentException {
    public MalformedCaptureException(String message) {
      super(message);
    }
  }

  /** Reads {@code tree}; throws {@link MalformedCaptureException} if it is not a capture. */
  public static CaptureValue read(Object tree) {
    if (tree == null) {
      return new CaptureValue.Null();
    }
    if (tree instanceof Boolean) {
      return new CaptureValue.Bool((Boolean) tree);
    }
    if (tree instanceof String) {
      return new CaptureValue.Str((String) tree);
    }
    if (!(tree instanceof Map)) {
      throw new MalformedCaptureException("unexpected capture " + kindOf(tree));
    }
    Map<?, ?> m = (Map<?, ?>) tree;
    if (m.containsKey(CaptureFormat.UNCAPTURED)) {
      return new CaptureValue.Uncaptured(text(m, CaptureFormat.UNCAPTURED));
    }
    for (String prim : CaptureFormat.PRIMITIVES) {
      if (m.containsKey(prim)) {
        return primitive(prim, m.get(prim));
      }
    }
    if (m.containsKey(CaptureFormat.ENUM)) {
      return new CaptureValue.EnumConstant(
          text(m, CaptureFormat.ENUM), text(m, CaptureFormat.ENUM_NAME));
    }
    if (m.containsKey(CaptureFormat.ARRAY)) {
      String component = text(m, CaptureFormat.ARRAY);
      boolean primitive = isPrimitive(component);
      List<CaptureValue> items = new ArrayList<>();
      for (Object i : list(m, CaptureFormat.ITEMS)) {
        items.add(primitive ? primitive(component, i) : read(i));
      }
      return new CaptureValue.Array(component, items);
    }
    if (m.containsKey(CaptureFormat.LIST) || m.containsKey(CaptureFormat.SET)) {
      boolean set = !m.containsKey(CaptureFormat.LIST);
      List<CaptureValue> items = new ArrayList<>();
      for (Object i : list(m, CaptureFormat.ITEMS)) {
        items.add(read(i));
      }
      return new CaptureValue.Collection(
          set, text(m, set ? CaptureFormat.SET : CaptureFormat.LIST), items);
    }
    if (m.containsKey(CaptureFormat.MAP)) {
      List<CaptureValue.Entry> entries = new ArrayList<>();
      for (Object e : list(m, CaptureFormat.ENTRIES)) {
        if (!(e instanceof List) || ((List<?>) e).size() != 2) {
          throw new MalformedCaptureException("a map entry is not a [key, value] pair: " + e);
        }
        entries.add(new CaptureValue.Entry(read(((List<?>) e).get(0)), read(((List<?>) e).get(1))));
      }
      return new CaptureValue.MapEntries(text(m, CaptureFormat.MAP), entries);
    }
    if (m.containsKey(CaptureFormat.OPTIONAL)) {
      return new CaptureValue.Opt(read(m.get(CaptureFormat.OPTIONAL)));
    }
    if (m.containsKey(CaptureFormat.RECORD)) {
      List<CaptureValue> comps = new ArrayList<>();
      for (Object c : list(m, CaptureFormat.COMPONENTS)) {
        comps.add(read(c));
      }
      return new CaptureValue.Rec(text(m, CaptureFormat.RECORD), comps);
    }
    if (m.containsKey(CaptureFormat.BEAN)) {
      Object props = m.get(CaptureFormat.PROPERTIES);
      if (!(props instanceof Map)) {
        throw new MalformedCaptureException("a bean without properties");
      }
      Map<String, CaptureValue> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) props).entrySet()) {
        out.put(String.valueOf(e.getKey()), read(e.getValue()));
      }
      return new CaptureValue.Bean(text(m, CaptureFormat.BEAN), out);
    }
    throw new MalformedCaptureException(
        "unknown capture kind " + (m.isEmpty() ? "{}" : m.keySet().iterator().next()));
  }

  private static boolean isPrimitive(String name) {
    return CaptureFormat.PRIMITIVES.contains(name) || "boolean".equals(name);
  }

  private static CaptureValue primitive(String type, Object v) {
    if ("boolean".equals(type)) {
      if (!(v instanceof Boolean)) {
        throw new MalformedCaptureException("a boolean item is " + kindOf(v));
      }
      return new CaptureValue.Bool((Boolean) v);
    }
    if (!(v instanceof Number || v instanceof String)) {
      throw new MalformedCaptureException("a " + type + " is " + kindOf(v));
    }
    return new CaptureValue.Primitive(type, v.toString());
  }

  private static String text(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof String)) {
      throw new MalformedCaptureException("'" + key + "' is not a string: " + kindOf(v));
    }
    return (String) v;
  }

  private static List<?> list(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof List)) {
      throw new MalformedCaptureException("'" + key + "' is not a list: " + kindOf(v));
    }
    return (List<?>) v;
  }

  private static String kindOf(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName();
  }
}
