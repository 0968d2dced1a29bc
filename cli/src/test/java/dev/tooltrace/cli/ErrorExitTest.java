/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static dev.tooltrace.cli.TestQueue.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.cli.TestQueue.V;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad directories, bad arguments and corrupt documents: one clear line, the right exit code. */
class ErrorExitTest {
  @TempDir Path dir;

  private static long lines(String s) {
    return s.lines().filter(l -> !l.isBlank()).count();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"show", "stats", "lineage 0000000000000001", "impact 0000000000000001", "prov"})
  void missingDirectoryIsOneLineAndExit2(String command) {
    String[] words = (command + " --dir " + dir.resolve("nope")).split(" ");
    Cli.Result r = Cli.run(words);
    assertEquals(2, r.code());
    assertEquals(1, lines(r.err()), r.err());
    assertTrue(r.err().startsWith("tooltrace: queue directory "), r.err());
    assertTrue(r.err().contains("does not exist"), r.err());
  }

  @Test
  void directoryWithoutQueueFilesIsExit2() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "hello");
    Cli.Result r = Cli.run("stats", "--dir", dir.toString());
    assertEquals(2, r.code());
    assertEquals(1, lines(r.err()), r.err());
    assertTrue(r.err().contains("is not a tooltrace queue"), r.err());
    Cli.Result file = Cli.run("show", "--dir", dir.resolve("notes.txt").toString());
    assertEquals(2, file.code());
    assertTrue(file.err().contains("is not a directory"), file.err());
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertEquals(2, Cli.run().code(), "no command");
    assertEquals(2, Cli.run("frobnicate").code());
    assertEquals(2, Cli.run("show").code(), "--dir is required");
    assertEquals(2, Cli.run("show", "--dir", dir.toString(), "--bogus").code());
    Cli.Result since = Cli.run("show", "--dir", dir.toString(), "--since", "yesterday-ish");
    assertEquals(2, since.code());
    assertTrue(since.err().contains("is not a time"), since.err());
    assertEquals(2, Cli.run("show", "--dir", dir.toString(), "--limit", "x").code());
    assertEquals(2, Cli.run("lineage", "--dir", dir.toString()).code(), "target missing");
    assertEquals(2, Cli.run("lineage", "x", "--dir", dir.toString(), "--format", "svg").code());
    assertEquals(2, Cli.run("prov", "--dir", dir.toString(), "--format", "rdf").code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "show", "stats", "lineage", "impact", "prov", "help"})
  void helpAndVersionEverywhere(String command) {
    String[] help = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
    Cli.Result h = Cli.run(help);
    assertEquals(0, h.code(), h.err());
    assertTrue(h.out().contains("Usage: tooltrace"), h.out());
    if (!command.equals("help")) {
      String[] version =
          command.isEmpty() ? new String[] {"--version"} : new String[] {command, "--version"};
      Cli.Result v = Cli.run(version);
      assertEquals(0, v.code());
      assertTrue(v.out().startsWith("tooltrace "), v.out());
    }
  }

  @Test
  void corruptDocumentIsReportedAndTheRestIsRead() {
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(1, "main", call(0x1, 0, "before", 0, 1).returns(V.str("a")));
      q.garbage();
      q.batch(1, "main", call(0x2, 0, "after", 5, 1).returns(V.str("b")));
    }
    Cli.Result r = Cli.run("show", "--dir", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(1, lines(r.err()), r.err());
    assertTrue(
        r.err()
            .matches(
                "(?s)tooltrace: skipped unreadable document at index 0x[0-9a-f]+ in queue "
                    + "file .*\\.cq4: not a tooltrace document.*"),
        r.err());
    assertTrue(r.out().contains("before") && r.out().contains("after"), r.out());
  }

  @Test
  void nothingReadableIsExit1() {
    try (TestQueue q = new TestQueue(dir)) {
      q.garbage();
      q.garbage();
    }
    Cli.Result r = Cli.run("stats", "--dir", dir.toString());
    assertEquals(1, r.code());
    assertTrue(
        r.err().endsWith("tooltrace: no readable document in " + dir + " (2 unreadable)\n"),
        r.err());
  }

  @Test
  void unknownSpanOrHashIsExit1AndMalformedTargetToo() {
    try (TestQueue q = new TestQueue(dir)) {
      q.batch(1, "main", call(0x1, 0, "only", 0, 1).returns(V.str("a")));
    }
    Cli.Result span = Cli.run("lineage", "00000000000000ff", "--dir", dir.toString());
    assertEquals(1, span.code());
    assertEquals("tooltrace: no recorded call has span id 00000000000000ff\n", span.err());
    Cli.Result hash = Cli.run("impact", "0".repeat(32), "--dir", dir.toString());
    assertEquals(1, hash.code());
    assertTrue(hash.err().startsWith("tooltrace: no recorded value has content hash"), hash.err());
    Cli.Result bad = Cli.run("lineage", "xyz", "--dir", dir.toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("is neither a span id"), bad.err());
  }
}
