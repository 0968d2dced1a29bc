/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.it.harness.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the agent jar exposes to the application: the jar is on the system class path and on the
 * bootstrap search path, so every loadable class in it is visible to the app. Only the bootstrap
 * API and the launcher may be; the implementation and its libraries must hide as .classdata.
 */
class PackagingTest {
  private static final Pattern ALLOWED =
      Pattern.compile(
          "META-INF/(MANIFEST\\.MF)?|LICENSE|dev/|dev/tooltrace/|dev/tooltrace/[A-Za-z]+\\.class"
              + "|dev/tooltrace/bootstrap/([A-Za-z$]+\\.class)?"
              + "|dev/tooltrace/agent/(launcher/([A-Za-z$]+\\.class)?)?"
              + "|inst/.*");

  @Test
  void onlyTheBootstrapApiAndTheLauncherAreVisible() throws Exception {
    List<String> unexpected = new ArrayList<>();
    int classdata = 0;
    try (JarFile jar = new JarFile(Paths.agentJar().toFile())) {
      var entries = jar.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        if (!ALLOWED.matcher(name).matches()) {
          unexpected.add(name);
        }
        if (name.startsWith("inst/") && name.endsWith(".class")) {
          unexpected.add(name);
        }
        if (name.endsWith(".classdata")) {
          classdata++;
        }
      }
      var attrs = jar.getManifest().getMainAttributes();
      assertEquals("dev.tooltrace.agent.launcher.TooltraceAgent", attrs.getValue("Premain-Class"));
      assertEquals("dev.tooltrace.agent.launcher.TooltraceMain", attrs.getValue("Main-Class"));
    }
    assertEquals(List.of(), unexpected);
    assertTrue(classdata > 1000, "the implementation is inside: " + classdata);
  }
}
