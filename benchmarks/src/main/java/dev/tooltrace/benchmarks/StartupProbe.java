/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Start-up cost of an agent: the time from the launcher's clock reading just before {@code exec
 * java} (system property {@code bench.launchNanos}, epoch nanoseconds) to the first line of main,
 * which includes every agent's premain; then one monitored call, and the resident set (peak {@code
 * VmHWM} and current {@code VmRSS} from /proc/self/status) at the end of main. Prints and appends
 * {@code startup config millis hwmKiB rssKiB}.
 */
public final class StartupProbe {
  private StartupProbe() {}

  static volatile long sink;

  public static void main(String[] argv) throws IOException {
    Instant now = Instant.now();
    long mainNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    long launch = Long.parseLong(System.getProperty("bench.launchNanos", "0"));
    Args a = new Args(argv);
    sink = new MonitoredClass().monitoredMethod(0, 10);
    double millis = launch == 0 ? Double.NaN : (mainNanos - launch) / 1e6;
    Results.append(
        a.text("out", ""),
        "startup",
        a.text("config", "?"),
        String.format("%.1f", millis),
        status("VmHWM"),
        status("VmRSS"));
  }

  /** A /proc/self/status value in KiB, or -1 where there is no /proc. */
  static long status(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("cannot read /proc/self/status: " + e);
    }
    return -1;
  }
}
