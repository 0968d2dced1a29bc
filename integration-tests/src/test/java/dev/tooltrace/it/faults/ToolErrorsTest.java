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
import dev.tooltrace.record.CallRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tools that throw {@link StackOverflowError} (deep recursion of a tracked method) or {@link
 * OutOfMemoryError} (thrown, and a real one from a small heap): the application catches exactly the
 * same error, and the calls after it are recorded correctly — the agent's frame stack recovers
 * instead of leaving later calls nested under a dead frame.
 */
class ToolErrorsTest {
  @TempDir Path tmp;

  @Test
  void stackOverflowAndOutOfMemoryReachTheAppUnchangedAndRecordingRecovers() throws Exception {
    Path dir = tmp.resolve("q");
    ForkedJvm.Result r =
        FaultRun.compare(
            "dir=" + dir + ",export=none,http.enabled=false",
            j -> j.jvmArg("-Xmx96m").jvmArg("-Xss512k"),
            "errors");
    String out = r.stdout();
    assertTrue(out.contains("recurse threw java.lang.StackOverflowError"), out);
    assertTrue(out.contains("throwOom threw synthetic 7"), out);
    assertTrue(out.contains("fillHeap threw java.lang.OutOfMemoryError: Java heap space"), out);
    assertTrue(out.contains("main recurse threw java.lang.StackOverflowError"), out);
    // No class of the agent is first loaded at the bottom of the overflowing recursion.
    assertFalse(r.stderr().contains("ASSERTION FAILED"), r.stderr());

    Recorded rec = Recorded.read(dir);
    // Every call after an error is a root with its own trace, its child nested under it.
    List<CallRecord> after = rec.tool("FaultApp.after");
    assertEquals(
        List.of("1", "2", "3", "4", "5"),
        after.stream().map(c -> c.args().get(0).preview()).sorted().collect(Collectors.toList()));
    for (CallRecord a : after) {
      assertTrue(a.isRoot(), "after(" + a.args().get(0).preview() + ") must be a root: " + a);
      assertFalse(a.error());
      assertEquals("after" + a.args().get(0).preview() + "!", a.result().preview());
      CallRecord inner =
          rec.calls.stream()
              .filter(c -> c.parentSpanId().equals(a.spanId()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no child of " + a));
      assertEquals("FaultApp.afterInner", inner.tool());
      assertEquals(a.traceId(), inner.traceId());
    }
    CallRecord oom = rec.one("FaultApp.throwOom");
    assertTrue(oom.error());
    assertEquals("java.lang.OutOfMemoryError", oom.errorInfo().type());
    assertEquals("synthetic 7", oom.errorInfo().message());
    assertTrue(oom.isRoot());

    // The outermost recursive call is recorded as failed with the overflow, and is a root.
    List<CallRecord> roots =
        rec.tool("FaultApp.recurse").stream()
            .filter(CallRecord::isRoot)
            .collect(Collectors.toList());
    assertEquals(2, roots.size(), "one root per recursion (deep thread, main)");
    for (CallRecord root : roots) {
      assertTrue(root.error());
      assertEquals("java.lang.StackOverflowError", root.errorInfo().type());
      assertEquals("0", root.args().get(0).preview());
    }
    assertEquals(0, FaultRun.counters(rec).get("records.dropped").asLong());
  }
}
