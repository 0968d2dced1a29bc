/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tooltrace.cli.evidence.EvidenceCollectorTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line and a non-zero exit, never a stack trace. */
class EvidenceCommandTest {
  @TempDir Path tmp;

  @Test
  void missingDirectoryIsOneLine() {
    Cli.Result r = Cli.run("evidence", "--dir", tmp.resolve("nope").toString());
    assertEquals(2, r.code());
    assertEquals(
        "tooltrace: queue directory " + tmp.resolve("nope") + " does not exist\n",
        r.err().replace("\r", ""));
  }

  @Test
  void directoryWithoutQueueIsOneLine() throws Exception {
    Files.writeString(tmp.resolve("notes.txt"), "x");
    Cli.Result r = Cli.run("evidence", "--dir", tmp.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("tooltrace: " + tmp + " is not a tooltrace queue"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void dirIsRequired() {
    Cli.Result r = Cli.run("evidence");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("Missing required option: '--dir=DIR'"), r.err());
  }

  @Test
  void jsonReportIsValidJsonWithoutNaN() throws Exception {
    String json = EvidenceCommand.toJson(EvidenceCollectorTest.twoRuns(null).report("q"));
    JsonNode n = new ObjectMapper().readTree(json);
    assertEquals("00000000000000010000000000000002", n.path("run").path("runId").asText());
    assertEquals("25", n.path("run").path("environment").path("java.version").asText());
    assertEquals(2, n.path("tools").size());
    assertEquals(99.0, n.path("tools").path(1).path("p99Ms").asDouble());
    assertEquals(2, n.path("resources").path("series").size());
    assertTrue(!json.contains("NaN"), json);
  }
}
