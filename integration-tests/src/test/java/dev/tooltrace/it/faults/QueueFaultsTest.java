/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Recorded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue's own faults: a directory that cannot be created, a spent size budget, and the
 * owner-only permissions of a directory the agent creates. The application never notices; the agent
 * says so in one line and counts what it dropped.
 */
class QueueFaultsTest {
  @TempDir Path tmp;

  @Test
  void queueOnAReadOnlyFileSystemIsOneLineAndTheAppIsUnaffected() throws Exception {
    // Root ignores permission bits; a read-only pseudo file system stops even root.
    Path dir = Path.of("/proc/self/tooltrace-queue");
    ForkedJvm.Result r =
        FaultRun.compare("dir=" + dir + ",export=none,http.enabled=false", "work", "3", "0");
    List<String> warn = FaultRun.lines(r, "WARN  queue:");
    assertEquals(1, warn.size(), r.stderr());
    assertTrue(
        warn.get(0).contains("cannot open the queue in " + dir)
            && warn.get(0).contains("dropped and counted"),
        warn.get(0));
  }

  @Test
  void spentDiskBudgetDropsAndCountsRecordsAndTheAppIsUnaffected() throws Exception {
    Path dir = tmp.resolve("budget");
    // 2 s of work: the housekeeper measures the queue every second and stops appending once the
    // files (Chronicle pre-sizes them) exceed the 1 MB budget.
    ForkedJvm.Result r =
        FaultRun.compare(
            "dir=" + dir + ",export=none,http.enabled=false,disk.max.bytes=1MB",
            "work",
            "20",
            "100");
    List<String> warn = FaultRun.lines(r, "WARN  queue:");
    assertEquals(1, warn.size(), "one line per state change: " + r.stderr());
    assertTrue(warn.get(0).contains("reached its budget disk.max.bytes=1048576"), warn.get(0));

    Recorded rec = Recorded.read(dir);
    JsonNode counters = FaultRun.counters(rec);
    long written = counters.get("records.written").asLong();
    long dropped = counters.get("records.dropped").asLong();
    assertTrue(dropped > 0, counters.toString());
    // Dropped also counts the agent's own documents (system samples) refused by the budget.
    assertTrue(written + dropped >= 4000, "every call written or dropped: " + counters);
    assertTrue(written < 4000, counters.toString());
    assertEquals(written, rec.calls.size(), "the counter matches the queue");
    // At exit, one line sums the loss up, with the reason.
    List<String> end = FaultRun.lines(r, "WARN  agent: run ");
    assertEquals(1, end.size(), r.stderr());
    assertTrue(
        end.get(0)
            .contains(
                " ended: "
                    + written
                    + " records written, "
                    + dropped
                    + " dropped, 0 recording failures (queue size "),
        end.get(0));
  }

  @Test
  void queueDirectoryIsCreatedOwnerOnly() throws Exception {
    Path dir = tmp.resolve("deep/er/queue");
    FaultRun.compare("dir=" + dir + ",export=none,http.enabled=false", "work", "1", "0");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    assertEquals(200, Recorded.read(dir).calls.size());
  }

  @Test
  void aRunWithoutLossEndsWithAnInfoSummary() throws Exception {
    ForkedJvm.Result r =
        FaultRun.compare(
            "dir=" + tmp.resolve("q") + ",export=none,http.enabled=false", "work", "1", "0");
    assertTrue(FaultRun.lines(r, "WARN").isEmpty(), r.stderr());
    List<String> end = FaultRun.lines(r, "INFO  agent: run ");
    assertEquals(1, end.size(), r.stderr());
    assertTrue(
        end.get(0).endsWith(" ended: 200 records written, 0 dropped, 0 recording failures"),
        end.get(0));
  }
}
