/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.harness;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JDKs the agent must work on: the one running the tests (Java 17 here) and the newest one
 * installed under /usr/lib/jvm (Temurin 25 on these machines), if it is a different feature
 * release.
 */
public final class Jdks {
  private Jdks() {}

  public static List<Path> all() {
    List<Path> out = new ArrayList<>();
    Path current = Path.of(System.getProperty("java.home"));
    out.add(current);
    Path newest = null;
    int newestFeature = Runtime.version().feature();
    File[] dirs = new File("/usr/lib/jvm").listFiles();
    if (dirs != null) {
      for (File d : dirs) {
        Path java = d.toPath().resolve("bin/java");
        int f = feature(d.getName());
        if (Files.isExecutable(java) && f > newestFeature) {
          newest = d.toPath();
          newestFeature = f;
        }
      }
    }
    if (newest != null) {
      out.add(newest);
    }
    return out;
  }

  public static Stream<Path> stream() {
    return all().stream();
  }

  private static int feature(String dirName) {
    var m = java.util.regex.Pattern.compile("(\\d+)").matcher(dirName);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }
}
