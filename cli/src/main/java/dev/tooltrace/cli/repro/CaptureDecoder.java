/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.repro;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tooltrace.record.CaptureFormat;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@link CaptureFormat} capture back into Java objects, loading application classes from a
 * given class loader. Collection classes are re-created as recorded when they have a public no-arg
 * constructor, JDK immutable collections through {@code copyOf}, anything else as the closest
 * standard collection: the canonical hash of a list, set or map does not depend on its class, so
 * replay stays comparable.
 */
final class CaptureDecoder {
  private final ClassLoader loader;

  CaptureDecoder(ClassLoader loader) {
    this.loader = loader;
  }

  Object decode(JsonNode n) throws NotReplayableException {
    try {
      return value(n);
    } catch (NotReplayableException e) {
      throw e;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw new NotReplayableException("cannot rebuild the captured value: " + e);
    }
  }

  private Object value(JsonNode n) throws ReflectiveOperationException, NotReplayableException {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (!n.isObject()) {
      throw new NotReplayableException("unexpected capture " + n.getNodeType());
    }
    if (n.has(CaptureFormat.UNCAPTURED)) {
      throw new NotReplayableException(n.get(CaptureFormat.UNCAPTURED).asText());
    }
    for (String prim : List.of("int", "long", "double", "float", "short", "byte", "char")) {
      if (n.has(prim)) {
        return primitive(prim, n.get(prim));
      }
    }
    if (n.has(CaptureFormat.ENUM)) {
      Class<?> c = load(n.get(CaptureFormat.ENUM).asText());
      return enumConstant(c, n.path(CaptureFormat.ENUM_NAME).asText());
    }
    if (n.has(CaptureFormat.ARRAY)) {
      return array(n);
    }
    if (n.has(CaptureFormat.LIST) || n.has(CaptureFormat.SET)) {
      return collection(n);
    }
    if (n.has(CaptureFormat.MAP)) {
      return map(n);
    }
    if (n.has(CaptureFormat.OPTIONAL)) {
      return Optional.ofNullable(value(n.get(CaptureFormat.OPTIONAL)));
    }
    if (n.has(CaptureFormat.RECORD)) {
      return record(n);
    }
    if (n.has(CaptureFormat.BEAN)) {
      return bean(n);
    }
    throw new NotReplayableException("unknown capture kind " + n.fieldNames().next());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumConstant(Class<?> c, String name) {
    return Enum.valueOf((Class<? extends Enum>) c.asSubclass(Enum.class), name);
  }

  /** A primitive (boxed) of type {@code type} from its raw JSON. */
  static Object primitive(String type, JsonNode v) {
    switch (type) {
      case "int":
        return v.asInt();
      case "long":
        return v.asLong();
      case "short":
        return (short) v.asInt();
      case "byte":
        return (byte) v.asInt();
      case "char":
        return v.asText().charAt(0);
      case "float":
        return Float.parseFloat(v.asText());
      case "double":
        return Double.parseDouble(v.asText());
      case "boolean":
        return v.asBoolean();
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

  private Object array(JsonNode n) throws ReflectiveOperationException, NotReplayableException {
    Class<?> ct = load(n.get(CaptureFormat.ARRAY).asText());
    JsonNode items = n.path(CaptureFormat.ITEMS);
    Object a = Array.newInstance(ct, items.size());
    for (int i = 0; i < items.size(); i++) {
      Array.set(
          a, i, ct.isPrimitive() ? primitive(ct.getName(), items.get(i)) : value(items.get(i)));
    }
    return a;
  }

  @SuppressWarnings("unchecked")
  private Object collection(JsonNode n)
      throws ReflectiveOperationException, NotReplayableException {
    boolean list = n.has(CaptureFormat.LIST);
    String cls = n.get(list ? CaptureFormat.LIST : CaptureFormat.SET).asText();
    List<Object> items = new ArrayList<>();
    for (JsonNode i : n.path(CaptureFormat.ITEMS)) {
      items.add(value(i));
    }
    if (cls.startsWith("java.util.ImmutableCollections")) {
      try {
        return list ? List.copyOf(items) : Set.copyOf(items);
      } catch (NullPointerException e) {
        // fall through to a mutable collection
      }
    }
    Collection<Object> c = (Collection<Object>) instance(cls, Collection.class);
    if (c == null) {
      c = list ? new ArrayList<>() : new LinkedHashSet<>();
    }
    c.addAll(items);
    return c;
  }

  @SuppressWarnings("unchecked")
  private Object map(JsonNode n) throws ReflectiveOperationException, NotReplayableException {
    String cls = n.get(CaptureFormat.MAP).asText();
    Map<Object, Object> entries = new LinkedHashMap<>();
    for (JsonNode e : n.path(CaptureFormat.ENTRIES)) {
      entries.put(value(e.get(0)), value(e.get(1)));
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

  private Object record(JsonNode n) throws ReflectiveOperationException, NotReplayableException {
    Class<?> c = load(n.get(CaptureFormat.RECORD).asText());
    RecordComponent[] rc = c.getRecordComponents();
    if (rc == null) {
      throw new NotReplayableException(c.getName() + " is no longer a record");
    }
    JsonNode comps = n.path(CaptureFormat.COMPONENTS);
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

  private Object bean(JsonNode n) throws ReflectiveOperationException, NotReplayableException {
    Class<?> c = load(n.get(CaptureFormat.BEAN).asText());
    Constructor<?> ctor = c.getDeclaredConstructor();
    ctor.setAccessible(true);
    Object o = ctor.newInstance();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.path(CaptureFormat.PROPERTIES).fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
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
