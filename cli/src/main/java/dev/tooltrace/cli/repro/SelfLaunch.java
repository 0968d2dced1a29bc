/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.repro;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * How to start this CLI again in another JVM. Inside the agent jar the CLI's classes come from the
 * jar's isolated part, so the new JVM runs the jar's launcher main; when the CLI runs from plain
 * class files (tests, embedding) the new JVM gets this JVM's class path and the CLI main directly.
 */
public final class SelfLaunch {
  static final String LAUNCHER_MAIN = "dev.tooltrace.agent.launcher.TooltraceMain";
  static final String CLI_MAIN = "dev.tooltrace.cli.TooltraceCli";

  private SelfLaunch() {}

  /** The agent jar this CLI runs from, or null when it runs from plain classes. */
  public static Path agentJar() {
    try {
      CodeSource cs = SelfLaunch.class.getProtectionDomain().getCodeSource();
      if (cs == null || cs.getLocation() == null) {
        return null;
      }
      Path p = Path.of(cs.getLocation().toURI());
      if (!Files.isRegularFile(p)) {
        return null;
      }
      try (JarFile jar = new JarFile(p.toFile())) {
        return jar.getEntry(LAUNCHER_MAIN.replace('.', '/') + ".class") != null ? p : null;
      }
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * The command that runs {@code cliArgs} with {@code appClassPath} visible through the system
   * class loader (first the CLI itself, then the application).
   */
  static List<String> command(
      String java, List<String> jvmArgs, String appClassPath, List<String> cliArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    Path jar = agentJar();
    String own = jar != null ? jar.toString() : System.getProperty("java.class.path");
    cmd.add(appClassPath.isEmpty() ? own : own + File.pathSeparator + appClassPath);
    cmd.add(jar != null ? LAUNCHER_MAIN : CLI_MAIN);
    cmd.addAll(cliArgs);
    return cmd;
  }
}
