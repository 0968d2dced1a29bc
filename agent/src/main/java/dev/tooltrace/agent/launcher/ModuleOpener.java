/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.launcher;

import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Opens the JDK packages Chronicle Queue needs to the agent's class loader, so users never add
 * {@code --add-opens}. Must run before any Chronicle class is loaded.
 */
final class ModuleOpener {
  private static final String[][] OPENS = {
    {"java.base", "sun.nio.ch"},
    {"java.base", "java.lang.reflect"},
    {"java.base", "jdk.internal.ref"},
    {"java.base", "java.lang"},
    {"java.base", "java.nio"},
    {"java.base", "java.util"},
    {"java.base", "jdk.internal.misc"},
    {"java.base", "sun.nio.fs"},
    {"java.base", "java.io"},
    {"jdk.compiler", "com.sun.tools.javac.file"},
    {"jdk.management", "com.sun.management.internal"},
  };

  private ModuleOpener() {}

  static void openTo(Instrumentation inst, ClassLoader loader) {
    Module target = loader.getUnnamedModule();
    Map<String, Map<String, Set<Module>>> byModule = new HashMap<>();
    for (String[] o : OPENS) {
      Set<Module> to =
          o[1].equals("java.lang") || o[1].equals("jdk.internal.misc")
              ? Set.of(target, ModuleOpener.class.getModule())
              : Set.of(target);
      byModule.computeIfAbsent(o[0], k -> new HashMap<>()).put(o[1], to);
    }
    for (Map.Entry<String, Map<String, Set<Module>>> e : byModule.entrySet()) {
      ModuleLayer.boot()
          .findModule(e.getKey())
          .ifPresent(
              m -> {
                Map<String, Set<Module>> pkgs = new HashMap<>();
                for (Map.Entry<String, Set<Module>> p : e.getValue().entrySet()) {
                  if (m.getPackages().contains(p.getKey())) {
                    pkgs.put(p.getKey(), p.getValue());
                  }
                }
                if (inst.isModifiableModule(m)) {
                  inst.redefineModule(m, Set.of(), pkgs, pkgs, Set.of(), Map.of());
                }
              });
    }
    enableNativeAccess();
  }

  /**
   * On JDK 22+ native access by an unnamed module (jffi, which Chronicle loads; OSHI's JNA) prints
   * a "restricted method" warning on the application's stderr. Native access of every unnamed
   * module is one switch ({@code --enable-native-access=ALL-UNNAMED}); the JDK's internal method
   * behind that flag turns it on (the per-module method has no effect on unnamed modules). Only in
   * the JVM's default mode, where native access is allowed anyway and only the warning is at stake:
   * a user who chose {@code --illegal-native-access} or {@code --enable-native-access} keeps
   * exactly that choice. On a JDK without that method nothing changes.
   */
  private static void enableNativeAccess() {
    if (Runtime.version().feature() < 22
        || savedProperty("jdk.module.illegal.native.access") != null
        || savedProperty("jdk.module.enable.native.access.0") != null) {
      return;
    }
    try {
      java.lang.reflect.Method m =
          Module.class.getDeclaredMethod("implAddEnableNativeAccessToAllUnnamed");
      m.setAccessible(true);
      m.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Only a warning is at stake; nothing to report.
    }
  }

  /**
   * A property the launcher set from a command-line option ({@code --illegal-native-access} and
   * friends become {@code jdk.module.*} properties, removed from the visible ones at start-up);
   * when it cannot be read, "set" (the user's choice is never overridden on a guess).
   */
  private static String savedProperty(String name) {
    try {
      java.lang.reflect.Method m =
          Class.forName("jdk.internal.misc.VM").getMethod("getSavedProperty", String.class);
      m.setAccessible(true);
      return (String) m.invoke(null, name);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "unknown";
    }
  }
}
