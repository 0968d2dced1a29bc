/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.backup.Manifest;
import dev.tooltrace.it.app.RollingWriterApp;
import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Recorded;
import dev.tooltrace.record.QueueFiles;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention inside the agent with a tiny size budget: it deletes nothing the exporter has not
 * delivered, and (with backups on) only what the scheduled backup already holds.
 */
class RetentionTest {
  private static final String COMMON =
      "roll.cycle=TEST_SECONDLY,sample.interval=0,retention.max.bytes=1,retention.interval=1s,";

  @TempDir Path tmp;

  @Test
  void exporterBackendDownDeletesNothingUnexported() throws Exception {
    Path queue = tmp.resolve("queue");
    Path backup = tmp.resolve("backup");
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String agent =
        COMMON
            + "export=otlp,http.port=0,backup.interval=1s,backup.dir="
            + backup
            + ",dir="
            + queue;
    int calls;
    String health;
    String metrics;
    try (WriterProcess app =
        WriterProcess.startUntilStopped(
            8000,
            tmp.resolve("stop"),
            agent,
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "http://127.0.0.1:" + closedPort,
            "OTEL_EXPORTER_OTLP_PROTOCOL",
            "http/protobuf")) {
      // Poll: on a loaded machine the first backup and the exporter's start-up take a while; the
      // writer goes on until told to stop.
      long deadline = System.nanoTime() + 90_000_000_000L;
      do {
        Thread.sleep(500);
        health = app.get("/health");
        metrics = app.get("/metrics");
      } while (!(health.contains("last.success")
              && metrics.contains("tooltrace_backup_last_success"))
          && System.nanoTime() < deadline);
      app.stop();
      calls = app.awaitCalls();
    }
    assertTrue(QueueFiles.dataFiles(queue).size() >= 3, "several cycles written");
    assertEquals(
        calls,
        Recorded.read(queue).tool("backup.record").size(),
        "retention deleted unexported records");
    assertTrue(Files.exists(backup.resolve(Manifest.JSON)), "the scheduled backup ran");
    assertTrue(health.contains("\"backup\""), health);
    assertTrue(health.contains("last.success"), health);
    assertTrue(metrics.contains("tooltrace_backup_last_success"), metrics);
    assertTrue(metrics.contains("tooltrace_backup_age"), metrics);
  }

  @Test
  void withBackupsOnlyBackedUpFilesAreDeletedAndTheBackupHoldsEverything() throws Exception {
    Path queue = tmp.resolve("queue");
    Path backup = tmp.resolve("backup");
    String agent =
        COMMON
            + "export=none,http.enabled=false,backup.interval=1s,backup.dir="
            + backup
            + ",dir="
            + queue;
    int calls;
    try (WriterProcess app = WriterProcess.start(5000, agent)) {
      calls = app.awaitCalls();
    }
    List<Path> left = QueueFiles.dataFiles(queue);
    Manifest m = Manifest.read(backup);
    long backedUpCycles = m.entries().stream().filter(e -> e.isCycle()).count();
    assertTrue(
        backedUpCycles > left.size(),
        "retention deleted backed-up files: "
            + left.size()
            + " left, "
            + backedUpCycles
            + " in the backup");
    // Everything deleted is in the backup: a final backup and a restore hold every call.
    Cli.ok("backup", "--dir", queue.toString(), "--to", backup.toString());
    Path restored = tmp.resolve("restored");
    Cli.ok("restore", backup.toString(), "--to", restored.toString());
    assertEquals(calls, Recorded.read(restored).tool("backup.record").size());
    assertTrue(
        Recorded.read(queue).tool("backup.record").size() < calls, "the queue itself was trimmed");
    // The hash chain holds in both: the trimmed queue starts after a gap its seals document, the
    // restored one is whole.
    Cli.Result trimmed = Cli.ok("audit", "--dir", queue.toString());
    assertTrue(trimmed.out().startsWith("audit: OK"), trimmed.out());
    assertTrue(trimmed.out().contains("deleted by retention"), trimmed.out());
    Cli.Result whole = Cli.ok("audit", "--dir", restored.toString());
    assertTrue(whole.out().startsWith("audit: OK"), whole.out());
    assertFalse(whole.out().contains("deleted by retention"), whole.out());
  }

  @Test
  void deletedQueueFilesAreNotHeldOpenByTheAgent() throws Exception {
    // On Linux a deleted file's space comes back only when nothing maps or opens it any more:
    // not the application threads (one of them idle since its only call), not the agent's own
    // writers (run snapshot, a system sample every second).
    Path queue = tmp.resolve("queue");
    ForkedJvm.Result r =
        ForkedJvm.of(RollingWriterApp.class.getName(), "5000", "2500")
            .agent(
                "roll.cycle=TEST_SECONDLY,retention.max.bytes=1,retention.interval=1s,"
                    + "sample.interval=1s,export=none,http.enabled=false,dir="
                    + queue)
            .run();
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("retention deleted"), r.stderr());
    assertTrue(
        r.stdout().contains("deleted-but-held=[]"),
        "the process still maps or holds deleted queue files: " + r.stdout());
  }
}
