/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.prometheus;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Prometheus tools from Debian's packages ({@code apt-get install -y prometheus
 * prometheus-alertmanager}): found on PATH, or the test fails saying how to install them.
 */
final class Binaries {
  private Binaries() {}

  static Path require(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new AssertionError(
        name
            + " not found on PATH; install Debian's packages: "
            + "apt-get update && apt-get install -y prometheus prometheus-alertmanager");
  }

  /** The result of a finished command: exit code and merged stdout/stderr. */
  record Run(int exit, String output) {}

  static Run run(Path workDir, String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(command));
    cmd.set(0, require(command[0]).toString());
    Process p =
        new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish");
    }
    return new Run(p.exitValue(), out);
  }
}
