/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ValueRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pairing and first-divergence logic on synthetic calls (hashes are plain labels here). */
class OutputDiffTest {
  private static long clock;

  private static ValueRecord v(String hash) {
    return ValueRecord.builder()
        .name("x")
        .declaredType("java.lang.String")
        .kind(RecordFormat.VALUE_OBJECT)
        .actualType("java.lang.String")
        .hash(hash)
        .size(1)
        .build();
  }

  private static CallRecord call(String span, String tool, String in, String out) {
    return CallRecord.builder()
        .runId("run")
        .threadId(1)
        .threadName("main")
        .traceId("t")
        .spanId(span)
        .toolId(1)
        .tool(tool)
        .codeNamespace("C")
        .codeFunction("m")
        .descriptor("(Ljava/lang/String;)Ljava/lang/String;")
        .startEpochNanos(++clock)
        .durationNanos(1)
        .args(List.of(v(in)))
        .result(v(out))
        .build();
  }

  @Test
  void firstDivergenceIsTheEarliestPairWithEqualInputsAndDifferentOutput() {
    List<CallRecord> a =
        List.of(
            call("a1", "load", "i1", "d1"),
            call("a2", "score", "d1", "s1"),
            call("a3", "load", "i2", "d2"),
            call("a4", "score", "d2", "s2"),
            call("a5", "label", "s2", "L"));
    List<CallRecord> b =
        List.of(
            call("b1", "load", "i1", "d1"),
            call("b2", "score", "d1", "s1"),
            call("b3", "load", "i2", "d2"),
            call("b4", "score", "d2", "sX"),
            call("b5", "label", "sX", "L"));
    OutputDiff d = OutputDiff.of(a, b);
    assertEquals("a4", d.firstDifferent().a().spanId());
    assertEquals("b4", d.firstDifferent().b().spanId());
    assertTrue(d.outputsDiffer());
    OutputDiff.ToolDiff label =
        d.tools().stream().filter(t -> t.tool.equals("label")).findFirst().orElseThrow();
    // label got a different input: not blamed, counted as unpaired on both sides.
    assertEquals(0, label.different);
    assertEquals(1, label.onlyA);
    assertEquals(1, label.onlyB);
  }

  @Test
  void repeatedInputsArePairedInOrderAndIdenticalRunsMatch() {
    List<CallRecord> a = List.of(call("a1", "f", "x", "1"), call("a2", "f", "x", "2"));
    List<CallRecord> b = List.of(call("b1", "f", "x", "1"), call("b2", "f", "x", "2"));
    OutputDiff d = OutputDiff.of(a, b);
    assertNull(d.firstDifferent());
    assertFalse(d.outputsDiffer());
    assertEquals(2, d.tools().get(0).same);
  }

  @Test
  void valuesWithoutContentHashAreNotCompared() {
    OutputDiff d =
        OutputDiff.of(List.of(call("a1", "f", null, "1")), List.of(call("b1", "f", null, "2")));
    assertNull(d.firstDifferent());
    assertEquals(1, d.tools().get(0).notComparable);
  }
}
