/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CALLS document bookkeeping: tool blocks, counts, rollback, reuse. */
class BatchWriterTest {
  private static final ToolBlock A =
      new ToolBlock(5, "a", "a", "ex.A", "a", "()V", List.of(), List.of(), "void");
  private static final ToolBlock B =
      new ToolBlock(6, "b", "b", "ex.B", "b", "()V", List.of(), List.of(), "void");

  private static int call(BatchWriter w, ToolBlock tool, long span) {
    int pos = w.beginCall(1, 2, span, 0, tool, 10, 20, false, 0, Double.NaN);
    w.argumentCount(0);
    ValueEncoder.voidValue(w.buf());
    w.endCall(pos);
    return pos;
  }

  private static List<CallRecord> decode(Buf doc) {
    FormatGoldenTest.Collected c = new FormatGoldenTest.Collected();
    new DocumentDecoder().decode(doc.array(), doc.length(), 0, c);
    return c.calls;
  }

  /** How many times a tool's block is written inline in the document. */
  private static int inlined(Buf doc, ToolBlock tool) {
    Buf block = new Buf(64).u8(RecordFormat.TOOL_INLINE);
    tool.writeTo(block);
    String all = FormatGoldenTest.hexOf(doc);
    String one = FormatGoldenTest.hexOf(block);
    return (all.length() - all.replace(one, "").length()) / one.length();
  }

  @Test
  void aToolIsInlinedOncePerDocumentAndReferredToAfter() {
    BatchWriter w = new BatchWriter(1, 2, 3, 16);
    w.open("t");
    call(w, A, 1);
    call(w, B, 2);
    call(w, A, 3);
    Buf doc = w.finish();
    assertEquals(3, w.calls());
    assertEquals(1, inlined(doc, A));
    assertEquals(1, inlined(doc, B));
    assertEquals(List.of("a", "b", "a"), decode(doc).stream().map(CallRecord::tool).toList());

    w.reset();
    w.open("t");
    call(w, A, 4);
    assertEquals(1, inlined(w.finish(), A), "a new document inlines the block again");
  }

  @Test
  void rollbackDropsAHalfWrittenCallAndTheNextCallsInlineTheirToolsAgain() {
    BatchWriter w = new BatchWriter(1, 2, 3, 16);
    w.open("t");
    call(w, A, 1);
    int mark = w.mark();
    w.beginCall(1, 2, 2, 0, B, 10, 20, false, 0, Double.NaN); // fails half-way
    w.rollback(mark);
    call(w, B, 3);
    call(w, A, 4);
    Buf doc = w.finish();
    List<CallRecord> calls = decode(doc);
    assertEquals(
        List.of("0000000000000001", "0000000000000003", "0000000000000004"),
        calls.stream().map(CallRecord::spanId).toList());
    assertEquals(2, inlined(doc, A), "A inlined again: its earlier block could have been cut");
  }

  @Test
  void rollbackOfTheFirstCallLeavesNoDocument() {
    BatchWriter w = new BatchWriter(1, 2, 3, 16);
    int mark = w.mark();
    w.open("t");
    w.beginCall(1, 2, 2, 0, A, 10, 20, false, 0, Double.NaN);
    w.rollback(mark);
    assertTrue(!w.isOpen());
    assertNull(w.finish());
  }

  @Test
  void writingWithoutAnOpenDocumentIsABug() {
    BatchWriter w = new BatchWriter(1, 2, 3, 16);
    assertThrows(IllegalStateException.class, () -> call(w, A, 1));
    w.open("t");
    assertThrows(IllegalStateException.class, () -> w.open("t"));
  }

  @Test
  void aHugeDocumentDoesNotKeepItsBufferAfterReset() {
    BatchWriter w = new BatchWriter(1, 2, 3, 1024);
    w.open("t");
    int pos = w.beginCall(1, 2, 1, 0, A, 10, 20, true, 0, Double.NaN);
    w.argumentCount(0);
    ValueEncoder.voidValue(w.buf());
    w.error("E", "m", "x".repeat(16000));
    w.endCall(pos);
    int before = w.buf().array().length;
    w.reset();
    assertTrue(before > 8 * 1024 && w.buf().array().length <= 8 * 1024, "trimmed from " + before);
  }
}
