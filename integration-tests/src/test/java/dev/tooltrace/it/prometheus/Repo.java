/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.prometheus;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository, from the integration-tests module's working directory. */
final class Repo {
  private Repo() {}

  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("observability"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new AssertionError("observability/ not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  static Path observability() {
    return root().resolve("observability");
  }
}
