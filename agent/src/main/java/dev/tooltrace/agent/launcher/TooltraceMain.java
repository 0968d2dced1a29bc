/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.launcher;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;

/**
 * {@code java -jar tooltrace-agent.jar <command>}: runs the CLI from the isolated class loader,
 * with the JDK packages Chronicle needs opened through the Launcher-Agent-Class instrumentation.
 */
public final class TooltraceMain {
  private TooltraceMain() {}

  public static void main(String[] args) {
    int code;
    try {
      File jar = AgentJar.locate();
      AgentClassLoader loader = new AgentClassLoader(jar);
      Instrumentation inst = TooltraceAgent.launcherInstrumentation;
      if (inst != null) {
        ModuleOpener.openTo(inst, loader);
      }
      System.setProperty("chronicle.analytics.disable", "true");
      Thread.currentThread().setContextClassLoader(loader);
      Class<?> cli = Class.forName("dev.tooltrace.cli.TooltraceCli", true, loader);
      code = (Integer) cli.getMethod("execute", String[].class).invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      System.err.println("tooltrace: " + e.getCause());
      code = 1;
    } catch (Throwable t) {
      System.err.println("tooltrace: cannot start the command line: " + t);
      code = 1;
    }
    System.exit(code);
  }
}
