/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tooltrace.it.app.SteadyApp;
import dev.tooltrace.it.harness.AgentCli;
import dev.tooltrace.it.harness.ForkedJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report of a run the packaged agent is still writing says it is a snapshot; after the JVM is
 * killed (no RUN_END) it says the run has no orderly end. Both are reports, not errors.
 */
class ReportRunStateTest {
  @TempDir Path tmp;

  @Test
  void aRunStillBeingWrittenThenKilled() throws Exception {
    Path queue = tmp.resolve("queue");
    Process app =
        ForkedJvm.of(SteadyApp.class.getName(), "100000", "5")
            .agent("dir=" + queue + ",export=none,http.enabled=false")
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertEquals("started", line, "the app records its first step");
      Path html = tmp.resolve("live.html");
      ForkedJvm.Result r =
          AgentCli.jar("report", "--dir", queue.toString(), "--out", html.toString());
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stdout().contains("still being written"), r.stdout());
      JsonNode header = BrowserCheck.embeddedData(html).path("header");
      assertEquals("running", header.path("state").asText());
      assertTrue(header.path("calls").asLong() >= 2, header.toString());
    } finally {
      app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    Path html = tmp.resolve("killed.html");
    ForkedJvm.Result r =
        AgentCli.jar("report", "--dir", queue.toString(), "--out", html.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("no orderly end"), r.stdout());
    JsonNode data = BrowserCheck.embeddedData(html);
    assertEquals("unended", data.path("header").path("state").asText());
    assertTrue(data.path("header").path("dropped").isNull(), "not known without RUN_END");
  }
}
