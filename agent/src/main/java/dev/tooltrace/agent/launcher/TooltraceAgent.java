/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.launcher;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * The premain shim: the only agent class the system class loader sees. It appends the agent jar to
 * the bootstrap search path (so the bootstrap API is shared by every class loader), creates the
 * isolated {@link AgentClassLoader}, opens the JDK packages Chronicle needs, and starts the real
 * agent reflectively. It catches everything: an exception out of premain would kill the JVM, and
 * the application must always start.
 */
public final class TooltraceAgent {
  private static final String STARTED = "tooltrace.agent.started";

  /** Set when the jar runs as the CLI ({@code Launcher-Agent-Class}). */
  static volatile Instrumentation launcherInstrumentation;

  private TooltraceAgent() {}

  public static void premain(String args, Instrumentation inst) {
    start(args, inst);
  }

  /**
   * Called for {@code java -jar tooltrace-agent.jar} (Launcher-Agent-Class) before the CLI main,
   * and for a dynamic attach. The CLI only needs the instrumentation to open JDK packages.
   */
  public static void agentmain(String args, Instrumentation inst) {
    if (isCliLaunch()) {
      launcherInstrumentation = inst;
      return;
    }
    start(args, inst);
  }

  private static void preload(Class<?>... types) {
    for (Class<?> t : types) {
      t.getName();
    }
  }

  private static boolean isCliLaunch() {
    String cmd = System.getProperty("sun.java.command", "");
    String first = cmd.split(" ", 2)[0];
    try {
      return first.endsWith(".jar")
          && new File(first).getCanonicalFile().equals(AgentJar.locate().getCanonicalFile());
    } catch (Exception e) {
      return false;
    }
  }

  private static void start(String args, Instrumentation inst) {
    try {
      synchronized (TooltraceAgent.class) {
        if (System.getProperty(STARTED) != null) {
          System.err.println(
              "[tooltrace] WARN  agent given more than once on the command line; "
                  + "the second copy is ignored");
          return;
        }
        System.setProperty(STARTED, "true");
      }
      File jar = AgentJar.locate();
      // The jar also serves the bootstrap loader from now on: resolve the launcher's own classes
      // first, so they stay defined by this (system) loader and can reach each other.
      preload(ModuleOpener.class, AgentClassLoader.class);
      inst.appendToBootstrapClassLoaderSearch(new JarFile(jar, false));
      AgentClassLoader loader = new AgentClassLoader(jar);
      ModuleOpener.openTo(inst, loader);
      Class<?> starter = Class.forName("dev.tooltrace.agent.AgentStarter", true, loader);
      starter
          .getMethod("start", Instrumentation.class, String.class, File.class)
          .invoke(null, inst, args, jar);
    } catch (Throwable t) {
      Throwable cause =
          t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null
              ? t.getCause()
              : t;
      System.err.println(
          "[tooltrace] ERROR agent failed to start, the application runs without it: " + cause);
    }
  }
}
