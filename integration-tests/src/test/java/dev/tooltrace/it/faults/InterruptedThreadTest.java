/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Recorded;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracked calls on a thread with its interrupt flag set (found by commons-lang3's suite: Chronicle
 * refused the append, and the agent turned the queue off for every thread): the calls are recorded
 * and the application's interrupt flag is untouched.
 */
class InterruptedThreadTest {
  @TempDir Path tmp;

  @Test
  void interruptedThreadsAreRecordedAndKeepTheirFlag() throws Exception {
    Path dir = tmp.resolve("q");
    ForkedJvm.Result r =
        FaultRun.compare("dir=" + dir + ",export=none,http.enabled=false", "interrupt");
    assertFalse(r.stdout().contains("flag lost"), r.stdout());
    assertTrue(FaultRun.lines(r, "WARN").isEmpty(), r.stderr());
    Recorded rec = Recorded.read(dir);
    assertEquals(20_000, rec.tool("FaultApp.step").size());
    assertEquals(0, FaultRun.counters(rec).get("records.dropped").asLong());
  }
}
