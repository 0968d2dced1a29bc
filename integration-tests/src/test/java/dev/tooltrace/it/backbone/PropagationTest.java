/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.it.app.PropagationApp;
import dev.tooltrace.it.app.RetentionApp;
import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Recorded;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trace context across threads, asynchronous tools, and no retention of application values. */
class PropagationTest {
  @TempDir Path tmp;

  @Test
  void contextFollowsExecutorTasksAndAsyncToolsEndWithTheirFuture() throws Exception {
    Path dir = tmp.resolve("q");
    ForkedJvm.Result plain = ForkedJvm.of(PropagationApp.class.getName()).run();
    ForkedJvm.Result r =
        ForkedJvm.of(PropagationApp.class.getName())
            .agent("dir=" + dir + ",export=none,http.enabled=false")
            .run();
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(plain.stdout(), r.stdout());
    Recorded rec = Recorded.read(dir);

    CallRecord parent = rec.one("PropagationApp.parent");
    List<CallRecord> children = rec.tool("PropagationApp.child");
    assertEquals(2, children.size());
    CallRecord child =
        children.stream()
            .filter(c -> c.args().get(0).preview().equals("21"))
            .findFirst()
            .orElseThrow();
    assertEquals(parent.spanId(), child.parentSpanId(), "submitted work is a child");
    assertEquals(parent.traceId(), child.traceId());
    assertNotEquals(parent.threadName(), child.threadName());
    CallRecord untracked =
        children.stream()
            .filter(c -> c.args().get(0).preview().equals("1"))
            .findFirst()
            .orElseThrow();
    assertTrue(untracked.isRoot(), "work submitted outside a tracked call starts a trace");

    CallRecord async = rec.one("PropagationApp.asyncTool");
    assertTrue(async.hasFlag(RecordFormat.FLAG_ASYNC));
    assertEquals("done", async.result().preview());
    assertTrue(async.durationNanos() >= 50_000_000L, "ends when the future completes");
    CallRecord failed = rec.one("PropagationApp.asyncFail");
    assertTrue(failed.error());
    assertEquals("java.lang.IllegalArgumentException", failed.errorInfo().type());
    assertEquals("async boom", failed.errorInfo().message());

    // Work handed over by other means than submit(): each leaf is a child of the tracked call
    // that handed it over, on another thread.
    Map<String, String> parents =
        Map.of(
            "execute", "PropagationApp.viaExecute",
            "supplyAsync", "PropagationApp.viaSupplyAsync",
            "thenApplyAsync", "PropagationApp.viaThenApplyAsync",
            "parallel", "PropagationApp.viaParallelStream",
            "careless", "PropagationApp.viaCarelessPool");
    Map<String, List<CallRecord>> leaves = new HashMap<>();
    for (CallRecord c : rec.tool("PropagationApp.leaf")) {
      leaves.computeIfAbsent(c.args().get(0).preview(), k -> new ArrayList<>()).add(c);
    }
    parents.forEach(
        (via, tool) -> {
          CallRecord p = rec.one(tool);
          List<CallRecord> ls = leaves.get(via);
          assertTrue(ls != null && !ls.isEmpty(), via);
          for (CallRecord l : ls) {
            assertEquals(p.spanId(), l.parentSpanId(), via + " is a child of " + tool);
            assertEquals(p.traceId(), l.traceId(), via);
            assertNotEquals(p.threadName(), l.threadName(), via + " ran on another thread");
          }
        });
    assertEquals(32, leaves.get("parallel").size());
    CallRecord afterwards = leaves.get("afterwards").get(0);
    assertTrue(
        afterwards.isRoot(),
        "an afterExecute override without super must not leak the context into the next task");
  }

  @Test
  void largeValuesAreNotRetainedByTheAgent() throws Exception {
    Path dir = tmp.resolve("r");
    // 600 values of 1 MiB under a 64 MiB heap: retaining even a tenth would fail.
    ForkedJvm.Result r =
        ForkedJvm.of(RetentionApp.class.getName(), "600")
            .jvmArg("-Xmx64m")
            .agent("dir=" + dir + ",export=none,http.enabled=false")
            .run();
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("total=" + (600L << 20), r.stdout().trim());
    Recorded rec = Recorded.read(dir);
    assertEquals(600, rec.tool("RetentionApp.consume").size());
    CallRecord last = rec.tool("RetentionApp.consume").get(599);
    CallRecord producer = rec.bySpan(last.args().get(0).producerSpanId());
    assertEquals("RetentionApp.produce", producer.tool(), "identity lineage still works");
  }
}
