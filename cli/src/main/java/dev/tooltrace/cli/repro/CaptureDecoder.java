/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.repro;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.record.CaptureFormat;
import dev.tooltrace.record.CaptureReader;
import dev.tooltrace.record.CaptureValue;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@link CaptureFormat} capture, read by the record contract's {@link CaptureReader}, back
 * into Java objects, loading application classes from a given class loader. Collection classes are
 * re-created as recorded when they have a public no-arg constructor, JDK immutable collections
 * through {@code copyOf}, anything else as the closest standard collection: the canonical hash of a
 * list, set or map does not depend on its class, so replay stays comparable.
 */
final class CaptureDecoder {
  private final ClassLoader loader;

  CaptureDecoder(ClassLoader loader) {
    this.loader = loader;
  }

  /** Decodes a capture as the worker's spec carries it (the JSON tree of the recorded capture). */
  Object decode(JsonNode n) throws NotReplayableException {
    CaptureValue v;
    try {
      v = CaptureReader.read(Json.MAPPER.convertValue(n, Object.class));
    } catch (IllegalArgumentException e) {
      throw new NotReplayableException("the capture is not readable: " + e.getMessage());
    }
    try {
      return value(v);
    } catch (NotReplayableException e) {
      throw e;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw new NotReplayableException("cannot rebuild the captured value: " + e);
    }
  }

  private Object value(CaptureValue v) throws ReflectiveOperationException, NotReplayableException {
    if (v instanceof CaptureValue.Null) {
      return null;
    }
    if (v instanceof CaptureValue.Bool) {
      return ((CaptureValue.Bool) v).value();
    }
    if (v instanceof CaptureValue.Str) {
      return ((CaptureValue.Str) v).value();
    }
    if (v instanceof CaptureValue.Uncaptured) {
      throw new NotReplayableException(((CaptureValue.Uncaptured) v).reason());
    }
    if (v instanceof CaptureValue.Primitive) {
      CaptureValue.Primitive p = (CaptureValue.Primitive) v;
      return primitive(p.type(), p.text());
    }
    if (v instanceof CaptureValue.EnumConstant) {
      CaptureValue.EnumConstant e = (CaptureValue.EnumConstant) v;
      return enumConstant(load(e.enumClass()), e.name());
    }
    if (v instanceof CaptureValue.Array) {
      return array((CaptureValue.Array) v);
    }
    if (v instanceof CaptureValue.Collection) {
      return collection((CaptureValue.Collection) v);
    }
    if (v instanceof CaptureValue.MapEntries) {
      return map((CaptureValue.MapEntries) v);
    }
    if (v instanceof CaptureValue.Opt) {
      return Optional.ofNullable(value(((CaptureValue.Opt) v).value()));
    }
    if (v instanceof CaptureValue.Rec) {
      return record((CaptureValue.Rec) v);
    }
    if (v instanceof CaptureValue.Bean) {
      return bean((CaptureValue.Bean) v);
    }
    throw new NotReplayableException("unknown capture " + v);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumConstant(Class<?> c, String name) {
    return Enum.valueOf((Class<? extends Enum>) c.asSubclass(Enum.class), name);
  }

  /** A primitive (boxed) of type {@code type} from its raw JSON (a recorded primitive argument). */
  static Object primitive(String type, JsonNode v) {
    return primitive(type, v.asText());
  }

  /** A primitive (boxed) of type {@code type} from its text as recorded. */
  static Object primitive(String type, String text) {
    switch (type) {
      case "int":
        return Integer.parseInt(text);
      case "long":
        return Long.parseLong(text);
      case "short":
        return Short.parseShort(text);
      case "byte":
        return Byte.parseByte(text);
      case "char":
        return text.charAt(0);
      case "float":
        return Float.parseFloat(text);
      case "double":
        return Double.parseDouble(text);
      case "boolean":
        return Boolean.parseBoolean(text);
      default:
        throw new IllegalArgumentException("not a primitive type: " + type);
    }
  }

  /** A class by binary name; primitive names give the primitive class. */
  Class<?> load(String name) throws ClassNotFoundException {
    switch (name) {
      case "int":
        return int.class;
      case "long":
        return long.class;
      case "short":
        return short.class;
      case "byte":
        return byte.class;
      case "char":
        return char.class;
      case "float":
        return float.class;
      case "double":
        return double.class;
      case "boolean":
        return boolean.class;
      default:
        return Class.forName(name, false, loader);
    }
  }

  private Object array(CaptureValue.Array a)
      throws ReflectiveOperationException, NotReplayableException {
    Class<?> ct = load(a.componentClass());
    Object out = Array.newInstance(ct, a.items().size());
    for (int i = 0; i < a.items().size(); i++) {
      Array.set(out, i, value(a.items().get(i)));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private Object collection(CaptureValue.Collection v)
      throws ReflectiveOperationException, NotReplayableException {
    String cls = v.collectionClass();
    List<Object> items = new ArrayList<>();
    for (CaptureValue i : v.items()) {
      items.add(value(i));
    }
    if (cls.startsWith("java.util.ImmutableCollections")) {
      try {
        return v.set() ? Set.copyOf(items) : List.copyOf(items);
      } catch (NullPointerException e) {
        // fall through to a mutable collection
      }
    }
    Collection<Object> c = (Collection<Object>) instance(cls, Collection.class);
    if (c == null) {
      c = v.set() ? new LinkedHashSet<>() : new ArrayList<>();
    }
    c.addAll(items);
    return c;
  }

  @SuppressWarnings("unchecked")
  private Object map(CaptureValue.MapEntries v)
      throws ReflectiveOperationException, NotReplayableException {
    String cls = v.mapClass();
    Map<Object, Object> entries = new LinkedHashMap<>();
    for (CaptureValue.Entry e : v.entries()) {
      entries.put(value(e.key()), value(e.value()));
    }
    if (cls.startsWith("java.util.ImmutableCollections")) {
      try {
        return Map.copyOf(entries);
      } catch (NullPointerException e) {
        // fall through
      }
    }
    Map<Object, Object> m = (Map<Object, Object>) instance(cls, Map.class);
    if (m == null) {
      m = new LinkedHashMap<>();
    }
    m.putAll(entries);
    return m;
  }

  /** A new instance of a public class with a public no-arg constructor, else null. */
  private Object instance(String cls, Class<?> kind) {
    try {
      Class<?> c = Class.forName(cls, false, loader);
      if (!kind.isAssignableFrom(c) || !Modifier.isPublic(c.getModifiers())) {
        return null;
      }
      return c.getConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  private Object record(CaptureValue.Rec v)
      throws ReflectiveOperationException, NotReplayableException {
    Class<?> c = load(v.recordClass());
    RecordComponent[] rc = c.getRecordComponents();
    if (rc == null) {
      throw new NotReplayableException(c.getName() + " is no longer a record");
    }
    List<CaptureValue> comps = v.components();
    if (comps.size() != rc.length) {
      throw new NotReplayableException(
          "record "
              + c.getName()
              + " has "
              + rc.length
              + " components now, "
              + comps.size()
              + " were captured");
    }
    Class<?>[] types = new Class<?>[rc.length];
    Object[] values = new Object[rc.length];
    for (int i = 0; i < rc.length; i++) {
      types[i] = rc[i].getType();
      values[i] = value(comps.get(i));
    }
    Constructor<?> ctor = c.getDeclaredConstructor(types);
    ctor.setAccessible(true);
    return ctor.newInstance(values);
  }

  private Object bean(CaptureValue.Bean v)
      throws ReflectiveOperationException, NotReplayableException {
    Class<?> c = load(v.beanClass());
    Constructor<?> ctor = c.getDeclaredConstructor();
    ctor.setAccessible(true);
    Object o = ctor.newInstance();
    for (Map.Entry<String, CaptureValue> e : v.properties().entrySet()) {
      String setter = "set" + Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1);
      Method m = null;
      for (Method cand : c.getMethods()) {
        if (cand.getName().equals(setter) && cand.getParameterCount() == 1) {
          m = cand;
          break;
        }
      }
      if (m == null) {
        throw new NotReplayableException("bean " + c.getName() + " has no setter " + setter);
      }
      m.setAccessible(true);
      m.invoke(o, value(e.getValue()));
    }
    return o;
  }
}
