/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.launcher;

import java.io.File;
import java.net.URISyntaxException;
import java.security.CodeSource;

/** Finds the agent jar this class was loaded from. */
final class AgentJar {
  private AgentJar() {}

  static File locate() {
    CodeSource cs = AgentJar.class.getProtectionDomain().getCodeSource();
    if (cs == null || cs.getLocation() == null) {
      throw new IllegalStateException("cannot locate the tooltrace agent jar (no code source)");
    }
    try {
      File f = new File(cs.getLocation().toURI());
      if (!f.isFile()) {
        throw new IllegalStateException("tooltrace agent location " + f + " is not a jar file");
      }
      return f;
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the tooltrace agent jar: " + e.getMessage());
    }
  }
}
