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
          o[1].equals("java.lang")
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
    enableNativeAccess(loader);
  }

  /**
   * On JDK 22+ native access by the unnamed module (Chronicle's and OSHI's JNA) prints a warning;
   * enable it for the agent's unnamed module, if the JDK has the (internal) method.
   */
  private static void enableNativeAccess(ClassLoader loader) {
    if (Runtime.version().feature() < 22) {
      return;
    }
    try {
      java.lang.reflect.Method m = Module.class.getDeclaredMethod("implAddEnableNativeAccess");
      m.setAccessible(true);
      m.invoke(loader.getUnnamedModule());
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Only a warning is at stake; nothing to report.
    }
  }
}
