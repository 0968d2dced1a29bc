/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static dev.tooltrace.cli.TestQueue.MS;
import static dev.tooltrace.cli.TestQueue.T0;
import static dev.tooltrace.cli.TestQueue.V.str;
import static dev.tooltrace.cli.TestQueue.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.record.QueueFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit} and {@code keygen} in-process, on queues written through the record contract. */
class AuditCommandTest {
  @TempDir Path tmp;

  static final long RUN_B_HI = 0x0B0B_0B0B_0B0B_0B0BL;

  /** Run A (with a value "secret-alpha") then run B in one queue. */
  private Path twoRuns() {
    Path dir = tmp.resolve("q");
    try (TestQueue a = new TestQueue(dir)) {
      a.run(T0)
          .batch(1, "main", call(1, 0, "load", 0, 5).arg("path", str("secret-alpha")))
          .batch(1, "main", call(2, 0, "load", 10, 5).arg("path", str("beta")))
          .runEnd(T0 + 100 * MS);
      try (TestQueue b = new TestQueue(a, RUN_B_HI, 1)) {
        b.run(T0 + 200 * MS)
            .batch(1, "main", call(3, 0, "parse", 210, 5).arg("text", str("gamma")))
            .runEnd(T0 + 300 * MS);
      }
    }
    return dir;
  }

  /** Flips one byte of the first occurrence of {@code text} in the queue's data file. */
  private static void flip(Path dir, String text) throws IOException {
    Path file = QueueFiles.dataFiles(dir).get(0);
    byte[] all = Files.readAllBytes(file);
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    for (int p = 0; p + t.length <= all.length; p++) {
      if (java.util.Arrays.equals(all, p, p + t.length, t, 0, t.length)) {
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
          raf.seek(p);
          raf.write(t[0] ^ 0x20);
        }
        return;
      }
    }
    throw new AssertionError(text + " not in " + file);
  }

  @Test
  void anUntouchedQueueHoldsAndTheHeadIsTheLastDocumentsLink() throws Exception {
    Path dir = twoRuns();
    Cli.Result r = Cli.run("audit", "--dir", dir.toString());
    assertEquals(ExitCodes.OK, r.code(), r.err() + r.out());
    assertTrue(r.out().startsWith("audit: OK: the chain holds\n"), r.out());
    assertTrue(r.out().contains("chain: 7 documents in 1 files; head seq 6 link "), r.out());

    JsonNode j = Json.MAPPER.readTree(Cli.run("audit", "--dir", dir.toString(), "--json").out());
    assertTrue(j.get("intact").asBoolean());
    assertEquals(2, j.get("runs").size());
    assertEquals(j.get("headLink").asText(), j.get("runs").get(1).get("headLink").asText());
    assertEquals(3, j.get("runs").get(0).get("lastSeq").asLong());
  }

  @Test
  void provenanceExportsCarryTheRunsChainAsAuditReportsIt() throws Exception {
    Path dir = twoRuns();
    JsonNode audit =
        Json.MAPPER.readTree(Cli.run("audit", "--dir", dir.toString(), "--json").out());
    JsonNode runA = audit.get("runs").get(0);
    Cli.Result prov = Cli.run("prov", "--dir", dir.toString(), "--run", TestQueue.RUN);
    assertEquals(0, prov.code(), prov.err());
    JsonNode agent = Json.MAPPER.readTree(prov.out()).get("agent").get("run:" + TestQueue.RUN);
    assertEquals(runA.get("headLink").asText(), agent.get("tt:chainHead").asText());
    assertEquals(runA.get("lastSeq").asLong(), agent.get("tt:chainHeadSeq").asLong());
    assertEquals(0, agent.get("tt:chainAnchorSeq").asLong(), "the RUN document is the first");

    Cli.Result ol =
        Cli.run("prov", "--dir", dir.toString(), "--run", TestQueue.RUN, "--format", "openlineage");
    JsonNode complete =
        ol.out()
            .lines()
            .map(l -> readQuietly(l))
            .filter(
                e ->
                    e.get("eventType").asText().equals("COMPLETE")
                        && e.get("job").get("name").asText().equals("test-pipeline"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(ol.out()));
    JsonNode facet = complete.get("run").get("facets").get("tooltrace_chain");
    assertEquals(runA.get("headLink").asText(), facet.get("head").asText());
    assertEquals(agent.get("tt:chainAnchor").asText(), facet.get("anchor").asText());
  }

  private static JsonNode readQuietly(String line) {
    try {
      return Json.MAPPER.readTree(line);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void anAlteredValueIsNamedWithItsFileIndexAndKindAndOnlyItsRunIsBroken() throws Exception {
    Path dir = twoRuns();
    flip(dir, "secret-alpha");
    Cli.Result r = Cli.run("audit", "--dir", dir.toString());
    assertEquals(ExitCodes.BROKEN, r.code(), r.out());
    String file = QueueFiles.dataFiles(dir).get(0).getFileName().toString();
    assertTrue(r.out().startsWith("audit: BROKEN: 1 break(s) in the chain; the first:\n"), r.out());
    assertTrue(
        r.out().contains("  ALTERED " + file + " index 0x"), "file and index named: " + r.out());
    assertTrue(r.out().contains(" seq 1: its bytes do not match its chain link"), r.out());

    String runA = TestQueue.RUN;
    assertEquals(ExitCodes.BROKEN, Cli.run("audit", "--dir", dir.toString(), "--run", runA).code());
    Cli.Result b =
        Cli.run(
            "audit", "--dir", dir.toString(), "--run", dev.tooltrace.record.Hex.of(RUN_B_HI, 1));
    assertEquals(ExitCodes.OK, b.code(), b.out());
  }

  @Test
  void aQueueStillHoldsAfterBackupAndRestoreWithOrWithoutMetadata() throws Exception {
    Path dir = twoRuns();
    Path dest = tmp.resolve("backup");
    assertEquals(0, Cli.run("backup", "--dir", dir.toString(), "--to", dest.toString()).code());
    Path restored = tmp.resolve("restored");
    assertEquals(0, Cli.run("restore", dest.toString(), "--to", restored.toString()).code());
    String before = Cli.run("audit", "--dir", dir.toString(), "--json").out();
    Cli.Result after = Cli.run("audit", "--dir", restored.toString(), "--json");
    assertEquals(ExitCodes.OK, after.code(), after.err() + after.out());
    assertEquals(before, after.out());
    Path bare = tmp.resolve("bare");
    assertEquals(
        0,
        Cli.run("restore", dest.toString(), "--to", bare.toString(), "--without-metadata").code());
    Cli.Result noMeta = Cli.run("audit", "--dir", bare.toString());
    assertEquals(ExitCodes.OK, noMeta.code(), noMeta.err() + noMeta.out());
  }

  @Test
  void aKeyOnAQueueWithoutSealsIsABreakAndKeygenWritesUsableKeys() throws Exception {
    Path dir = twoRuns();
    Path key = tmp.resolve("audit.key");
    Cli.Result k = Cli.run("keygen", key.toString());
    assertEquals(0, k.code(), k.err());
    assertTrue(Files.exists(tmp.resolve("audit.key.pub")));
    assertEquals(ExitCodes.USAGE, Cli.run("keygen", key.toString()).code(), "no silent overwrite");
    Cli.Result r = Cli.run("audit", "--dir", dir.toString(), "--public-key", key + ".pub");
    assertEquals(ExitCodes.BROKEN, r.code(), r.out());
    assertTrue(
        r.out().contains("BAD_SIGNATURE: a key was given but the queue holds no seal"), r.out());

    Cli.Result bad = Cli.run("audit", "--dir", dir.toString(), "--public-key", dir.toString());
    assertEquals(ExitCodes.USAGE, bad.code());
    assertTrue(bad.err().startsWith("tooltrace: cannot use --public-key"), bad.err());
  }
}
