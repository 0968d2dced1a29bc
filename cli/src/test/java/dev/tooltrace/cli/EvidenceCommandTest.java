/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input gets one clear line and a non-zero exit, never a stack trace. */
class EvidenceCommandTest {
  @TempDir Path tmp;

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new EvidenceCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void missingDirectoryIsOneLine() {
    String[] r = run("--dir", tmp.resolve("nope").toString());
    assertEquals("2", r[0]);
    assertEquals(
        "evidence: queue directory " + tmp.resolve("nope") + " does not exist\n",
        r[2].replace("\r", ""));
  }

  @Test
  void directoryWithoutQueueIsOneLine() throws Exception {
    Files.writeString(tmp.resolve("notes.txt"), "x");
    String[] r = run("--dir", tmp.toString());
    assertEquals("2", r[0]);
    assertTrue(r[2].startsWith("evidence: " + tmp + " is not a tooltrace queue"), r[2]);
    assertEquals(1, r[2].strip().lines().count(), r[2]);
  }

  @Test
  void dirIsRequired() {
    String[] r = run();
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("Missing required option: '--dir=DIR'"), r[2]);
  }

  @Test
  void jsonReportIsValidJsonWithoutNaN() throws Exception {
    String json =
        EvidenceCommand.toJson(
            dev.tooltrace.cli.evidence.EvidenceCollectorTest.twoRuns(null).report("q"));
    com.fasterxml.jackson.databind.JsonNode n =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    assertEquals("00000000000000010000000000000002", n.path("run").path("runId").asText());
    assertEquals("25", n.path("run").path("environment").path("java.version").asText());
    assertEquals(2, n.path("tools").size());
    assertEquals(99.0, n.path("tools").path(1).path("p99Ms").asDouble());
    assertEquals(2, n.path("resources").path("series").size());
    assertTrue(!json.contains("NaN"), json);
  }
}
