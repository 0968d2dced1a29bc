/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Paths;
import dev.tooltrace.it.harness.Recorded;
import dev.tooltrace.record.CallRecord;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracked classes in an application class loader that is dropped afterwards: their values, results
 * and exceptions pass through the agent (identity links, thread states, tool registry, woven code),
 * and still the loader is garbage-collected — the agent keeps no strong reference.
 */
class ClassUnloadTest {
  @TempDir Path tmp;

  @Test
  void droppedClassLoaderIsCollected() throws Exception {
    Path dir = tmp.resolve("q");
    ForkedJvm.Result r =
        FaultRun.compare(
            "dir="
                + dir
                + ",export=none,http.enabled=false,"
                + "include=dev.tooltrace.it.app.FaultUnloadTool#*",
            j -> j.jvmArg("-Xmx128m"),
            "unload",
            Paths.testClasses().toString());
    assertTrue(r.stdout().contains("loaded by own loader=true"), r.stdout());
    assertTrue(
        r.stdout().contains("loader collected=true"), "leak through the agent:\n" + r.stdout());
    Recorded rec = Recorded.read(dir);
    assertEquals(2, rec.tool("FaultUnloadTool.add").size());
    CallRecord merge = rec.one("FaultUnloadTool.merge");
    assertEquals("FaultUnloadTool[a, b]", merge.result().preview());
    assertEquals(
        rec.tool("FaultUnloadTool.add").get(1).spanId(),
        merge.args().get(0).producerSpanId(),
        "identity lineage works before the unload");
    assertTrue(rec.one("FaultUnloadTool.fail").error());
  }
}
