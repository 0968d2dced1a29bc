/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Tracked;
import java.lang.reflect.Method;

/**
 * An app that carries its own (older) Byte Buddy and OpenTelemetry SDK and uses them: with the
 * agent attached it must see its own versions, work unchanged, and still be tracked. Reflection
 * keeps the test classpath free of those versions.
 */
public final class ConflictApp {
  private ConflictApp() {}

  public static void main(String[] args) throws Exception {
    System.out.println("bytebuddy=" + useByteBuddy());
    System.out.println("otel=" + useOpenTelemetry());
  }

  @Tracked
  static String useByteBuddy() throws Exception {
    Class<?> bb = Class.forName("net.bytebuddy.ByteBuddy");
    Object builder = bb.getConstructor().newInstance();
    Method subclass = bb.getMethod("subclass", Class.class);
    Object unloaded = subclass.invoke(builder, Object.class);
    Object made = unloaded.getClass().getMethod("make").invoke(unloaded);
    Object loaded =
        made.getClass()
            .getMethod("load", ClassLoader.class)
            .invoke(made, ConflictApp.class.getClassLoader());
    Class<?> type = (Class<?>) loaded.getClass().getMethod("getLoaded").invoke(loaded);
    return jarOf(bb) + " made " + (type.getSuperclass() == Object.class);
  }

  @Tracked
  static String useOpenTelemetry() throws Exception {
    Class<?> sdk = Class.forName("io.opentelemetry.sdk.OpenTelemetrySdk");
    Object b = sdk.getMethod("builder").invoke(null);
    Object otel = b.getClass().getMethod("build").invoke(b);
    Object tracer = otel.getClass().getMethod("getTracer", String.class).invoke(otel, "app");
    return jarOf(sdk) + " tracer " + (tracer != null);
  }

  private static String jarOf(Class<?> c) {
    String p = c.getProtectionDomain().getCodeSource().getLocation().getPath();
    return p.substring(p.lastIndexOf('/') + 1);
  }
}
