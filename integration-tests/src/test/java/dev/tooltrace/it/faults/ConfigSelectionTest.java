/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Recorded;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordFormat;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code whose source cannot change is tracked by configuration alone: include patterns with
 * wildcards select methods of a class without annotations; exclude wins over include.
 */
class ConfigSelectionTest {
  @TempDir Path tmp;

  @Test
  void includePatternsSelectUnannotatedMethodsAndExcludeWins() throws Exception {
    Path dir = tmp.resolve("q");
    ForkedJvm.Result r =
        FaultRun.compare(
            "dir="
                + dir
                + ",export=none,http.enabled=false,"
                + "include=dev.tooltrace.it.app.FaultPlainLib#parse*;dev.tooltrace.it.app.Fault*Lib#"
                + "format;dev.tooltrace.it.*.FaultPlainLib#norm*,"
                + "exclude=dev.tooltrace.it.app.FaultPlainLib#parseSecret",
            "config");
    assertTrue(r.stdout().contains("secret=*******"), r.stdout());

    Recorded rec = Recorded.read(dir);
    Set<String> tools = rec.calls.stream().map(CallRecord::tool).collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "FaultPlainLib.parseInt",
            "FaultPlainLib.parseDouble",
            "FaultPlainLib.format",
            "FaultPlainLib.normalise"),
        tools);
    for (CallRecord c : rec.calls) {
      assertTrue(c.hasFlag(RecordFormat.FLAG_BY_CONFIG), c.tool() + " selected by configuration");
    }
    CallRecord parse = rec.one("FaultPlainLib.parseInt");
    assertEquals(" 41 ", parse.args().get(0).preview());
    assertEquals("41", parse.result().preview());
    CallRecord format = rec.one("FaultPlainLib.format");
    CallRecord normalise = rec.one("FaultPlainLib.normalise");
    assertEquals(format.spanId(), normalise.parentSpanId(), "a private method nests");
    assertEquals("sum 42.5", format.result().preview());
  }
}
