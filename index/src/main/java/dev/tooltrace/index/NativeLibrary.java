/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks, before DuckDB loads, that its native library can be found: inside DuckDB's jar (a plain
 * class path, as in tests) or beside the jar that holds DuckDB's classes ({@code
 * tooltrace-index.jar}, which ships without it). DuckDB itself reports a missing library with a
 * stack trace on stderr and an {@link Error}; this turns it into one line and a full read.
 */
final class NativeLibrary {
  private NativeLibrary() {}

  /** DuckDB's name for the library of this platform, e.g. {@code libduckdb_java.so_linux_amd64}. */
  static String name() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).trim();
    String osName = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macos" : "linux";
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT).trim();
    String archName =
        switch (arch) {
          case "x86_64", "amd64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          default -> arch;
        };
    return "libduckdb_java.so_" + osName + "_" + archName;
  }

  /** Throws {@link IllegalStateException}, one line for users, when the library is missing. */
  static void require() {
    String lib = name();
    Class<?> duck = org.duckdb.DuckDBDriver.class;
    if (duck.getResource("/" + lib) != null) {
      return;
    }
    Path dir;
    try {
      dir = Path.of(duck.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    } catch (Exception | Error e) {
      return; // cannot tell: let DuckDB look for itself
    }
    if (dir != null && !Files.isRegularFile(dir.resolve(lib))) {
      throw new IllegalStateException(
          "DuckDB's native library " + lib + " is not in " + dir + " (beside tooltrace-index.jar)");
    }
  }
}
