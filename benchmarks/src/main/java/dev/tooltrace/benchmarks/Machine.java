/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the numbers were measured on: they mean little without the machine and the JDK. */
final class Machine {
  private Machine() {}

  static String cpuModel() {
    String v = procField("/proc/cpuinfo", "model name");
    return v == null ? System.getProperty("os.arch") : v;
  }

  static String memory() {
    String v = procField("/proc/meminfo", "MemTotal");
    if (v == null) {
      return "unknown";
    }
    long kib = Long.parseLong(v.replace("kB", "").trim());
    return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
  }

  static String jdk() {
    return System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.runtime.version")
        + " ("
        + System.getProperty("java.vendor")
        + ")";
  }

  static String os() {
    return System.getProperty("os.name") + " " + System.getProperty("os.version");
  }

  private static String procField(String file, String name) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file));
      for (String line : lines) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
          return line.substring(colon + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("cannot read " + file + ": " + e);
    }
    return null;
  }
}
