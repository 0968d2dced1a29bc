/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.repro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.record.CanonicalHash;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The replay side that runs in the fresh JVM: loads the tool's class from the application class
 * path (the system class loader), rebuilds the arguments, invokes the method once and writes the
 * result's canonical hash — computed by the agent's own {@link CanonicalHash} with the run's {@code
 * capture.hash.max.bytes} (sampled when the agent sampled the recorded one) — to a result file. The
 * application's own output goes to its stdout/stderr untouched; only the result file is read back.
 *
 * <p>Spec: {@code {"class", "method", "descriptor", "hashMaxBytes", "hashSampled", "args":
 * [{"kind": "primitive"|"null"|"capture", "type", "value"}]}}. Result: {@code {"status":
 * "returned"|"threw"| "not-replayable", "hash", "type", "reason"}}.
 */
public final class ReplayWorker {
  private ReplayWorker() {}

  public static void run(Path spec, Path result) throws Exception {
    ObjectNode out = Json.object();
    try {
      execute(Json.MAPPER.readTree(spec.toFile()), out);
    } catch (NotReplayableException e) {
      out.removeAll();
      out.put("status", "not-replayable");
      out.put("reason", e.getMessage());
    }
    Files.writeString(result, Json.pretty(out));
  }

  private static void execute(JsonNode spec, ObjectNode out) throws NotReplayableException {
    ClassLoader loader = ClassLoader.getSystemClassLoader();
    String cls = spec.path("class").asText();
    Class<?> type;
    try {
      type = Class.forName(cls, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new NotReplayableException("class " + cls + " is not on the class path (" + e + ")");
    }
    Method m = find(type, spec.path("method").asText(), spec.path("descriptor").asText());
    try {
      m.setAccessible(true);
    } catch (RuntimeException e) {
      throw new NotReplayableException("method " + m + " is not accessible: " + e.getMessage());
    }
    CaptureDecoder decoder = new CaptureDecoder(loader);
    JsonNode argSpecs = spec.path("args");
    Object[] args = new Object[argSpecs.size()];
    for (int i = 0; i < args.length; i++) {
      JsonNode a = argSpecs.get(i);
      switch (a.path("kind").asText()) {
        case "null":
          args[i] = null;
          break;
        case "primitive":
          args[i] = CaptureDecoder.primitive(a.path("type").asText(), a.path("value"));
          break;
        default:
          try {
            args[i] = decoder.decode(a.path("value"));
          } catch (NotReplayableException e) {
            throw new NotReplayableException(
                "argument '" + a.path("name").asText() + "': " + e.getMessage());
          }
      }
    }
    Object receiver = null;
    if (!Modifier.isStatic(m.getModifiers())) {
      receiver = newReceiver(type, m);
    }
    Object value;
    try {
      value = m.invoke(receiver, args);
    } catch (InvocationTargetException e) {
      out.put("status", "threw");
      out.put("type", e.getCause().getClass().getName());
      return;
    } catch (IllegalAccessException | IllegalArgumentException e) {
      throw new NotReplayableException("cannot invoke " + m + ": " + e);
    }
    out.put("status", "returned");
    if (m.getReturnType() == void.class) {
      out.put("hash", "void");
    } else {
      out.put(
          "hash",
          new CanonicalHash(spec.path("hashMaxBytes").asLong(1 << 20))
              .hex(value, spec.path("hashSampled").asBoolean(false)));
    }
    out.put("type", value == null ? "null" : value.getClass().getName());
  }

  private static Object newReceiver(Class<?> type, Method m) throws NotReplayableException {
    String why =
        "no accessible constructor: "
            + type.getName()
            + " has no non-private no-arg"
            + " constructor to create the instance that "
            + m.getName()
            + " is an instance method of"
            + " (the receiver's state is not recorded)";
    if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
      throw new NotReplayableException(
          "no accessible constructor: "
              + type.getName()
              + " is abstract; cannot create an instance to call "
              + m.getName()
              + " on");
    }
    Constructor<?> ctor;
    try {
      ctor = type.getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      throw new NotReplayableException(why);
    }
    if (Modifier.isPrivate(ctor.getModifiers())) {
      throw new NotReplayableException(why);
    }
    try {
      ctor.setAccessible(true);
      return ctor.newInstance();
    } catch (InvocationTargetException e) {
      throw new NotReplayableException(
          "constructing " + type.getName() + " threw " + e.getCause().getClass().getName());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new NotReplayableException("cannot construct " + type.getName() + ": " + e);
    }
  }

  private static Method find(Class<?> type, String name, String descriptor)
      throws NotReplayableException {
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name) && descriptor(m).equals(descriptor)) {
        return m;
      }
    }
    throw new NotReplayableException(
        "method "
            + type.getName()
            + "#"
            + name
            + descriptor
            + " no longer exists on the class path");
  }

  static String descriptor(Method m) {
    StringBuilder sb = new StringBuilder("(");
    for (Class<?> p : m.getParameterTypes()) {
      sb.append(p.descriptorString());
    }
    return sb.append(')').append(m.getReturnType().descriptorString()).toString();
  }
}
