/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.backup.Manifest;
import dev.tooltrace.backup.ManifestEntry;
import dev.tooltrace.it.harness.Recorded;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.QueueFiles;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disaster-recovery procedure of docs/disaster-recovery.md, step by step, against a queue a
 * forked application is writing under the packaged agent (a new queue file every second).
 */
class BackupRecoveryTest {
  private static final String AGENT =
      "export=none,http.enabled=false,roll.cycle=TEST_SECONDLY,sample.interval=0,dir=";

  @TempDir Path tmp;

  @Test
  void backupWhileWritingThenVerifyRestoreAndIncrementalBackup() throws Exception {
    Path queue = tmp.resolve("queue");
    Path backup = tmp.resolve("backup");
    int calls;
    List<ManifestEntry> first;
    try (WriterProcess app = WriterProcess.start(6000, AGENT + queue)) {
      // Step 1 while the application writes: at least two cycles, one of them sealed.
      long deadline = System.nanoTime() + 60_000_000_000L;
      while ((!Files.isDirectory(queue) || QueueFiles.dataFiles(queue).size() < 3)
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(QueueFiles.dataFiles(queue).size() >= 3, app.stderr());
      Cli.ok("backup", "--dir", queue.toString(), "--to", backup.toString());
      first = Manifest.read(backup).entries();

      // A restore of the backup taken mid-write is a readable prefix of what was recorded.
      Path midRestore = tmp.resolve("mid");
      Cli.ok("verify", backup.toString());
      Cli.ok("restore", backup.toString(), "--to", midRestore.toString());
      Recorded mid = Recorded.read(midRestore); // fails on any corrupt record
      calls = app.awaitCalls();
      Recorded all = Recorded.read(queue);
      assertEquals(calls, all.tool("backup.record").size(), "every call recorded");
      assertFalse(mid.tool("backup.record").isEmpty());
      assertTrue(mid.calls.size() < all.calls.size(), "the app went on writing");
      Set<String> allSpans = spans(all.calls);
      assertTrue(allSpans.containsAll(spans(mid.calls)));
      Files.walk(midRestore)
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(p -> p.toFile().delete());
    }
    long complete = first.stream().filter(e -> e.isCycle() && e.complete()).count();
    long open = first.stream().filter(e -> e.isCycle() && !e.complete()).count();
    assertTrue(complete >= 2, "sealed cycles stored as complete: " + first);
    assertTrue(open >= 1, "the file being written is never stored as complete: " + first);

    // Step 1 again: only what the backup lacks is copied.
    Cli.Result second = Cli.ok("backup", "--dir", queue.toString(), "--to", backup.toString());
    for (ManifestEntry e : first) {
      if (e.isCycle() && e.complete()) {
        assertFalse(second.out().contains("copied " + e.name()), second.out());
      }
    }
    List<String> newFiles =
        QueueFiles.dataFiles(queue).stream()
            .map(p -> p.getFileName().toString())
            .filter(n -> first.stream().noneMatch(e -> e.name().equals(n)))
            .toList();
    assertFalse(newFiles.isEmpty());
    for (String n : newFiles) {
      assertTrue(second.out().contains("copied " + n), second.out());
    }
    Cli.Result third = Cli.ok("backup", "--dir", queue.toString(), "--to", backup.toString());
    assertTrue(third.out().startsWith("backup: 0 files copied"), third.out());

    // Step 2: verify.
    assertTrue(Cli.ok("verify", backup.toString()).out().startsWith("verify: OK"));

    // Step 3: restore into a new directory; it answers exactly as the original.
    Path restored = tmp.resolve("restored");
    Cli.ok("restore", backup.toString(), "--to", restored.toString());
    String stats = Cli.ok("stats", "--dir", queue.toString(), "--json").out();
    assertEquals(stats, Cli.ok("stats", "--dir", restored.toString(), "--json").out());
    assertTrue(stats.contains("backup.record"), stats);
    Recorded back = Recorded.read(restored);
    assertEquals(calls, back.tool("backup.record").size());
    String value = back.tool("backup.record").get(calls / 2).spanId();
    assertEquals(
        Cli.ok("lineage", value, "--dir", queue.toString(), "--json").out(),
        Cli.ok("lineage", value, "--dir", restored.toString(), "--json").out());

    // A corrupted backup: one flipped byte, and verify names the file.
    String victim =
        Manifest.read(backup).entries().stream()
            .filter(e -> e.isCycle() && e.size() > 1000)
            .findFirst()
            .orElseThrow()
            .name();
    try (RandomAccessFile f = new RandomAccessFile(backup.resolve(victim).toFile(), "rw")) {
      long pos = f.length() - 100;
      f.seek(pos);
      int b = f.read();
      f.seek(pos);
      f.write(b ^ 0x40);
    }
    Cli.Result v = Cli.run("verify", backup.toString());
    assertNotEquals(0, v.code());
    assertTrue(v.err().contains("corrupt: " + victim), v.err());
    assertEquals(1, v.err().lines().filter(l -> l.contains("corrupt")).count(), v.err());
  }

  private static Set<String> spans(List<CallRecord> calls) {
    return calls.stream().map(CallRecord::spanId).collect(Collectors.toSet());
  }
}
