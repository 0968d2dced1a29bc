/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put what the tests run (set by surefire, see integration-tests/pom.xml). */
public final class Paths {
  private Paths() {}

  private static Path existing(String property) {
    String v = System.getProperty(property);
    if (v == null) {
      throw new IllegalStateException(
          "system property "
              + property
              + " is not set; run the"
              + " integration tests through Maven (mvn verify)");
    }
    Path p = Path.of(v).toAbsolutePath().normalize();
    if (!Files.exists(p)) {
      throw new IllegalStateException(
          p
              + " does not exist: build the agent first (mvn verify"
              + " builds every module in order)");
    }
    return p;
  }

  public static Path agentJar() {
    return existing("tooltrace.agent.jar");
  }

  public static Path bootstrapJar() {
    return existing("tooltrace.bootstrap.jar");
  }

  public static Path examplesJar() {
    return existing("tooltrace.examples.jar");
  }

  public static Path testClasses() {
    return existing("tooltrace.test.classes");
  }

  /** A directory of extra jars fetched for the tests (conflicting library versions). */
  public static Path testLibs() {
    return existing("tooltrace.test.libs");
  }
}
