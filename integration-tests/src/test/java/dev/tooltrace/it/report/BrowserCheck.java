/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tooltrace.it.harness.AgentCli;
import dev.tooltrace.it.harness.ForkedJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a report in a real browser: Debian's headless Chromium driven by playwright-core from npm
 * ({@code integration-tests/browser/check-report.mjs}), and returns what the script saw as JSON.
 * Installs the pinned npm package with {@code npm ci} when it is missing; fails with one clear line
 * when Chromium or Node.js is missing (scripts/test.sh installs Chromium).
 */
final class BrowserCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BrowserCheck() {}

  static Path browserDir() {
    String d = System.getProperty("tooltrace.browser.dir");
    if (d == null) {
      throw new IllegalStateException("tooltrace.browser.dir is not set: run through Maven");
    }
    return Path.of(d).toAbsolutePath().normalize();
  }

  static Path chromium() {
    String env = System.getenv("CHROMIUM");
    Path p = Path.of(env == null || env.isEmpty() ? "/usr/bin/chromium" : env);
    if (!Files.isExecutable(p)) {
      throw new AssertionError(
          "no Chromium at "
              + p
              + ": the report's browser test needs Debian's chromium (as root: apt-get install -y"
              + " chromium; scripts/test.sh does it) or CHROMIUM=/path/to/chromium");
    }
    return p;
  }

  /** {@code npm ci} in the browser directory unless playwright-core is there already. */
  static synchronized void installPlaywright() throws IOException, InterruptedException {
    Path dir = browserDir();
    if (Files.exists(dir.resolve("node_modules/playwright-core/package.json"))) {
      return;
    }
    ProcessBuilder pb =
        new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
            .directory(dir.toFile())
            .redirectErrorStream(true);
    pb.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    Path log = Files.createTempFile("npm-ci", ".log");
    try {
      Process p = pb.redirectOutput(log.toFile()).start();
      if (!p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError("npm ci did not finish in 300 s in " + dir);
      }
      if (p.exitValue() != 0) {
        throw new AssertionError(
            "npm ci failed in " + dir + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Opens {@code report}, clicks around, writes {@code shots}-page.png and -graph.png. */
  static JsonNode open(Path report, Path shots) throws IOException, InterruptedException {
    installPlaywright();
    Path chromium = chromium();
    Files.createDirectories(shots.getParent());
    Path dir = browserDir();
    ForkedJvm.Result r =
        AgentCli.exec(
            List.of(
                "env",
                "CHROMIUM=" + chromium,
                "node",
                dir.resolve("check-report.mjs").toString(),
                report.toAbsolutePath().toString(),
                shots.toAbsolutePath().toString()),
            240);
    if (r.exitCode() != 0) {
      throw new AssertionError("the browser check failed (" + r.exitCode() + "):\n" + r.stderr());
    }
    String[] lines = r.stdout().strip().split("\n");
    return JSON.readTree(lines[lines.length - 1]);
  }

  /** The model a report page embeds (the JSON of its {@code report-data} element). */
  static JsonNode embeddedData(Path report) throws IOException {
    String html = Files.readString(report, StandardCharsets.UTF_8);
    String open = "<script type=\"application/json\" id=\"report-data\">";
    int from = html.indexOf(open);
    int to = html.indexOf("</script>", from);
    if (from < 0 || to < 0) {
      throw new AssertionError("no report-data element in " + report);
    }
    return JSON.readTree(html.substring(from + open.length(), to));
  }
}
