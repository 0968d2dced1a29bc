/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.jaeger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Jaeger binary the tests run: {@code integration-tests/jaeger/build.sh} prints its path, and
 * builds it first (from the Go module pinned beside the script) when it is missing, as {@code
 * scripts/test.sh} already did before Maven. The tests are skipped only when the binary is missing
 * and the build was switched off with {@code TOOLTRACE_JAEGER_BUILD=0} outside CI; everywhere else
 * a missing Jaeger fails them.
 */
final class JaegerBinary {
  private JaegerBinary() {}

  /** A first build takes minutes on two cores; the Go module download comes on top. */
  private static final long BUILD_MINUTES = 40;

  private static Path resolved;

  /** The binary, built if needed; aborts (skips) the calling test only in the case above. */
  static synchronized Path require() throws IOException, InterruptedException {
    if (resolved != null) {
      return resolved;
    }
    String script = System.getProperty("tooltrace.jaeger.build");
    if (script == null) {
      throw new IllegalStateException(
          "system property tooltrace.jaeger.build is not set; run the tests through Maven");
    }
    Path log = Files.createTempFile("jaeger-build", ".log");
    try {
      Process p =
          new ProcessBuilder(List.of(script))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError(script + " did not finish in " + BUILD_MINUTES + " minutes");
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError("building Jaeger failed (" + script + "):\n" + out);
      }
      List<String> lines = out.strip().lines().toList();
      Path bin = Path.of(lines.get(lines.size() - 1).strip());
      if (!Files.isExecutable(bin)) {
        boolean buildOff = "0".equals(System.getenv("TOOLTRACE_JAEGER_BUILD"));
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        String why =
            "no Jaeger binary at "
                + bin
                + " and TOOLTRACE_JAEGER_BUILD=0: the Jaeger tests need it"
                + " (integration-tests/jaeger/build.sh builds it; see docs/jaeger.md)";
        if (buildOff && !ci) {
          Assumptions.abort(why);
        }
        throw new AssertionError(why + (ci ? "; in CI they must run" : "") + "\n" + out);
      }
      resolved = bin;
      return bin;
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
