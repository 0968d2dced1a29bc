/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

/** Version strings reported in telemetry (instrumentation scope, telemetry.distro.version). */
final class Versions {
  private Versions() {}

  /** From the jar manifest when packaged; "dev" when run from classes (tests, IDE). */
  static final String TOOLTRACE = implementationVersion();

  private static String implementationVersion() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }
}
