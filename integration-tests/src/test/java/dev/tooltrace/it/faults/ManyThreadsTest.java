/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tooltrace.it.harness.Recorded;
import dev.tooltrace.record.CallRecord;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 threads released together, each calling a tracked method: every call is recorded once, span
 * ids are unique, each thread's calls carry its own name, and the application sees the same results
 * as without the agent.
 */
class ManyThreadsTest {
  private static final int THREADS = 1000;
  private static final int CALLS = 5;
  @TempDir Path tmp;

  @Test
  void everyCallOfAThousandConcurrentThreadsIsRecordedOnce() throws Exception {
    Path dir = tmp.resolve("q");
    FaultRun.compare(
        "dir=" + dir + ",export=none,http.enabled=false",
        j -> j.jvmArg("-Xmx256m"),
        "threads",
        String.valueOf(THREADS),
        String.valueOf(CALLS));
    Recorded rec = Recorded.read(dir);
    assertEquals(THREADS * CALLS, rec.tool("FaultApp.perThread").size());
    Set<String> spans = new HashSet<>();
    for (CallRecord c : rec.calls) {
      assertTrue(spans.add(c.spanId()), "duplicate span id " + c.spanId());
      assertTrue(c.isRoot());
      String thread = c.args().get(0).preview();
      assertEquals("t-" + thread, c.threadName(), "recorded on the calling thread");
    }
    assertEquals(
        THREADS, rec.calls.stream().map(CallRecord::threadName).collect(Collectors.toSet()).size());
    JsonNode counters = FaultRun.counters(rec);
    assertEquals(THREADS * CALLS, counters.get("records.written").asLong(), counters.toString());
    assertEquals(0, counters.get("records.dropped").asLong());
    assertEquals(0, counters.get("recording.failures").asLong());
  }
}
