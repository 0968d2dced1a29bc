/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.record.testing.QueueFixture;
import dev.tooltrace.record.testing.RunFixture;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queue whose data files did not change is recognised without opening it, and any append changes
 * the fingerprint — also an append into a memory-mapped page the writer had already dirtied before
 * the fingerprint was taken (the fingerprint flushes the file first, so the append faults and moves
 * the modification time).
 */
class QueueFingerprintTest {
  @TempDir Path dir;

  private void age(Path q) throws Exception {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(q, "*.cq4")) {
      for (Path f : ds) {
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(3600)));
      }
    }
  }

  @Test
  void aQuietQueueIsTrustedAndEveryAppendChangesIt() throws Exception {
    Path q = dir.resolve("q");
    try (QueueFixture queue = QueueFixture.create(q)) {
      RunFixture run = queue.run(1, 2).start(1_000_000_000L, "{}");
      age(q);
      QueueFingerprint quiet = QueueFingerprint.of(q);
      assertTrue(quiet.trusted(), "no write for an hour");
      assertTrue(QueueFingerprint.of(q).unchangedSince(quiet.toStore()));

      // Appended by the same writer, right behind the first document (same page).
      run.end(2_000_000_000L);
      QueueFingerprint after = QueueFingerprint.of(q);
      assertNotEquals(quiet.digest(), after.digest());
      assertFalse(after.unchangedSince(quiet.toStore()));
      assertFalse(after.trusted(), "written a moment ago: not trusted yet");
    }
  }

  @Test
  void aRecentlyWrittenQueueIsNotTrusted() {
    Path q = dir.resolve("fresh");
    try (QueueFixture queue = QueueFixture.create(q)) {
      queue.run(1, 2).start(1_000_000_000L, "{}");
      QueueFingerprint f = QueueFingerprint.of(q);
      assertFalse(f.trusted());
      assertFalse(f.unchangedSince(f.digest()));
    }
  }

  @Test
  void aDirectoryThatCannotBeReadIsNotTrusted() {
    QueueFingerprint f = QueueFingerprint.of(dir.resolve("missing"));
    assertFalse(f.trusted());
    assertFalse(f.unchangedSince(null));
  }
}
