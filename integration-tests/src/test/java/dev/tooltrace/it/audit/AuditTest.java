/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tooltrace.it.app.AuditApp;
import dev.tooltrace.it.harness.AgentCli;
import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.record.QueueFiles;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent's hash chain and seals, and its per-call cost, in forked JVMs: two JVMs of two
 * threads each appending to one queue (rolling every second) leave one chain whose seals verify
 * with the public key and not with another; one flipped byte is named; a tool allocating 4 MiB is
 * reported within tolerance.
 */
class AuditTest {
  private static final ObjectMapper M = new ObjectMapper();

  @TempDir Path tmp;

  private static Process start(Path queue, Path key) throws Exception {
    return ForkedJvm.of(AuditApp.class.getName(), "2", "60", "40")
        .agent(
            "dir="
                + queue
                + ",roll.cycle=TEST_SECONDLY,export=none,http.enabled=false,sample.interval=1s"
                + ",capture.cost=audit.alloc,audit.key="
                + key)
        .start();
  }

  private static void finish(Process p) throws Exception {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out + err);
    assertTrue(out.contains("done 120"), out + err);
  }

  @Test
  void twoJvmsOfTwoThreadsLeaveOneChainWhoseSealsVerifyWithTheirKeyOnly() throws Exception {
    Path queue = tmp.resolve("q");
    Path key = tmp.resolve("audit.key");
    assertEquals(0, AgentCli.inProcess("keygen", key.toString()).exitCode());
    assertEquals(0, AgentCli.inProcess("keygen", tmp.resolve("other.key").toString()).exitCode());
    Process a = start(queue, key);
    Process b = start(queue, key);
    try {
      finish(a);
      finish(b);
    } finally {
      a.destroyForcibly();
      b.destroyForcibly();
    }
    assertTrue(QueueFiles.dataFiles(queue).size() >= 2, "the queue rolled");

    ForkedJvm.Result r =
        AgentCli.inProcess(
            "audit", "--dir", queue.toString(), "--public-key", key + ".pub", "--json");
    JsonNode j = M.readTree(r.stdout());
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(j.get("intact").asBoolean());
    assertEquals(2, j.get("runs").size(), r.stdout());
    assertTrue(j.get("seals").asLong() >= 3, "two run-end seals and at least one roll: " + j);
    assertEquals(j.get("seals").asLong(), j.get("signaturesChecked").asLong());
    for (JsonNode run : j.get("runs")) {
      assertTrue(run.get("ended").asBoolean(), run.toString());
      assertTrue(
          run.get("signedThrough").asLong() >= run.get("lastSeq").asLong() - 1,
          "each run is signed up to its RUN_END: " + run);
    }

    ForkedJvm.Result wrong =
        AgentCli.inProcess(
            "audit",
            "--dir",
            queue.toString(),
            "--public-key",
            tmp.resolve("other.key.pub").toString());
    assertEquals(5, wrong.exitCode(), wrong.stdout());
    assertTrue(wrong.stdout().contains("BAD_SIGNATURE"), wrong.stdout());

    // One flipped byte in a recorded value is named with its file.
    byte[] needle = "audit-app-".getBytes(StandardCharsets.US_ASCII);
    Path file = null;
    int at = -1;
    for (Path f : QueueFiles.dataFiles(queue)) {
      byte[] all = Files.readAllBytes(f);
      for (int p = 0; p + needle.length <= all.length && at < 0; p++) {
        if (Arrays.equals(all, p, p + needle.length, needle, 0, needle.length)) {
          at = p;
          file = f;
        }
      }
      if (at >= 0) {
        break;
      }
    }
    assertTrue(at > 0, "a thread name in a queue file");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(at);
      raf.write('A');
    }
    ForkedJvm.Result broken = AgentCli.inProcess("audit", "--dir", queue.toString());
    assertEquals(5, broken.exitCode(), broken.stdout());
    assertTrue(
        broken.stdout().contains("ALTERED " + file.getFileName() + " index 0x"), broken.stdout());
  }

  @Test
  void aToolAllocatingFourMibIsReportedWithinTolerance() throws Exception {
    Path queue = tmp.resolve("q");
    Path key = tmp.resolve("hmac");
    assertEquals(0, AgentCli.inProcess("keygen", "--hmac", key.toString()).exitCode());
    Process p = start(queue, key);
    try {
      finish(p);
    } finally {
      p.destroyForcibly();
    }
    ForkedJvm.Result show =
        AgentCli.inProcess("show", "--dir", queue.toString(), "--tool", "audit.alloc", "--json");
    JsonNode call = M.readTree(show.stdout()).get("traces").get(0).get("roots").get(0);
    long allocated = call.get("cost").get("allocatedBytes").asLong();
    assertTrue(
        allocated >= 4L << 20 && allocated <= (4L << 20) + (256 << 10),
        "4 MiB allocated, reported " + allocated);
    JsonNode step =
        M.readTree(
                AgentCli.inProcess(
                        "show", "--dir", queue.toString(), "--tool", "audit.step", "--json")
                    .stdout())
            .get("traces")
            .get(0)
            .get("roots")
            .get(0);
    assertTrue(!step.has("cost"), "capture.cost=audit.alloc measures that tool only");
    ForkedJvm.Result audit =
        AgentCli.inProcess("audit", "--dir", queue.toString(), "--public-key", key.toString());
    assertEquals(0, audit.exitCode(), audit.stdout());
  }
}
