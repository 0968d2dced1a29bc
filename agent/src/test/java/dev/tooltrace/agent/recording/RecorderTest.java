/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.CanonicalHash;
import dev.tooltrace.record.QueueReader;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.ToolBlock;
import dev.tooltrace.record.ValueRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder driven as the woven advice drives it (enter, begin, arg*, exit*), against a real
 * queue in a temporary directory, read back with the record contract's reader.
 */
class RecorderTest {
  @TempDir Path dir;
  private QueueWriter writer;
  private Recorder rec;

  /** A tool registered with the given parameter and return types. */
  private static int tool(String name, List<String> params, String ret) {
    return tool(name, params, ret, new boolean[params.size()], false);
  }

  private static int tool(
      String name, List<String> params, String ret, boolean[] redacted, boolean redactReturn) {
    int id = ToolRegistry.reserveId();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      names.add("p" + i);
    }
    ToolBlock block = new ToolBlock(id, name, name, "ex.Tools", name, "()V", names, params, ret);
    ToolRegistry.register(new ToolInfo(block, redacted, redactReturn, false, 0));
    return id;
  }

  @BeforeEach
  void open() {
    writer = new QueueWriter(dir, "FAST_HOURLY", 0, 0);
    assertTrue(writer.open());
    writer.check();
    writer.ready();
    assertTrue(writer.accepting(), writer.problem());
    rec = new Recorder(writer, 0x1234, 0x5678, 16, 1 << 20);
  }

  @AfterEach
  void close() {
    writer.close();
  }

  /**
   * Every call in the queue, in queue order, once {@code rec}'s batches are appended (as the
   * shutdown hook does); and the number of CALLS documents.
   */
  private List<CallRecord> calls(int[] documents) {
    rec.flushAll(0);
    writer.close();
    List<CallRecord> out = new ArrayList<>();
    try (QueueReader r = QueueReader.open(dir)) {
      r.readAll(
          new RecordVisitor() {
            long lastIndex = -1;

            @Override
            public void onCall(CallRecord c) {
              out.add(c);
              if (c.queueIndex() != lastIndex && documents != null) {
                documents[0]++;
              }
              lastIndex = c.queueIndex();
            }
          });
    }
    return out;
  }

  private List<CallRecord> calls() {
    return calls(null);
  }

  @Test
  void everyArgumentAndResultKindIsRecordedAsItsValue() {
    int all =
        tool(
            "all",
            List.of("boolean", "int", "long", "double", "java.lang.String", "java.lang.Object"),
            "long");
    Object f = rec.enter(all);
    rec.begin(f);
    rec.argZ(f, true);
    rec.argI(f, -7);
    rec.argJ(f, 1L << 40);
    rec.argD(f, 0.25);
    rec.argL(f, "a string longer than sixteen chars");
    rec.argL(f, null);
    rec.exitJ(f, 42);
    for (String[] kind :
        new String[][] {{"void", "V"}, {"boolean", "Z"}, {"int", "I"}, {"double", "D"}}) {
      int id = tool("returns-" + kind[1], List.of(), kind[0]);
      Object g = rec.enter(id);
      rec.begin(g);
      switch (kind[1]) {
        case "V":
          rec.exitV(g);
          break;
        case "Z":
          rec.exitZ(g, true);
          break;
        case "I":
          rec.exitI(g, 3);
          break;
        default:
          rec.exitD(g, 1.5);
      }
    }
    int obj = tool("returns-L", List.of(), "java.util.List");
    Object g = rec.enter(obj);
    rec.begin(g);
    rec.exitL(g, List.of(1, 2));

    List<CallRecord> calls = calls();
    assertEquals(6, calls.size());
    CallRecord c = calls.get(0);
    assertEquals("all", c.tool());
    assertEquals("0000000000001234" + "0000000000005678", c.runId());
    assertEquals(Thread.currentThread().getName(), c.threadName());
    List<String> previews = c.args().stream().map(ValueRecord::preview).toList();
    assertEquals(
        List.of("true", "-7", "1099511627776", "0.25", "a string longer ", "null"), previews);
    assertTrue(c.args().get(4).previewTruncated());
    assertEquals(34, c.args().get(4).size());
    assertEquals(
        new CanonicalHash(1 << 20).hex("a string longer than sixteen chars"),
        c.args().get(4).hash(),
        "the content hash covers the whole string, not the preview");
    assertEquals(RecordFormat.VALUE_NULL, c.args().get(5).kind());
    assertEquals("42", c.result().preview());
    assertTrue(c.durationNanos() >= 0);
    assertTrue(c.isRoot());

    assertTrue(calls.get(1).result().isVoid());
    assertEquals("true", calls.get(2).result().preview());
    assertEquals("3", calls.get(3).result().preview());
    assertEquals("1.5", calls.get(4).result().preview());
    ValueRecord list = calls.get(5).result();
    assertEquals("[1, 2]", list.preview());
    assertEquals(new CanonicalHash(1 << 20).hex(List.of(1, 2)), list.hash());
    assertEquals(2, list.size());
  }

  @Test
  void nestedCallsShareTheTraceAndLeaveInOneDocumentWhenTheOutermostReturns() {
    int outer = tool("outer", List.of(), "java.lang.String");
    int inner = tool("inner", List.of("java.lang.String"), "java.lang.String");
    Object o = rec.enter(outer);
    rec.begin(o);
    String produced = new String("produced");
    for (int i = 0; i < 3; i++) {
      Object in = rec.enter(inner);
      rec.begin(in);
      rec.argL(in, "x" + i);
      rec.exitL(in, i == 0 ? produced : "y" + i);
    }
    rec.exitL(o, produced);

    int[] documents = {0};
    List<CallRecord> calls = calls(documents);
    assertEquals(1, documents[0], "one batch: the outermost call and the calls nested in it");
    assertEquals(List.of("inner", "inner", "inner", "outer"), tools(calls));
    CallRecord root = calls.get(3);
    for (CallRecord child : calls.subList(0, 3)) {
      assertEquals(root.traceId(), child.traceId());
      assertEquals(root.spanId(), child.parentSpanId());
    }
    assertEquals(
        calls.get(0).spanId(),
        root.result().producerSpanId(),
        "the outer call returned the very object the first inner call produced");
  }

  private static List<String> tools(List<CallRecord> calls) {
    return calls.stream().map(CallRecord::tool).toList();
  }

  @Test
  void aThrownExceptionIsRecordedWithVoidResultAndItsStack() {
    int failing = tool("failing", List.of("int"), "int");
    Object f = rec.enter(failing);
    rec.begin(f);
    rec.argI(f, 1);
    IllegalStateException thrown = new IllegalStateException("no model");
    rec.exitThrown(f, thrown);

    CallRecord c = calls().get(0);
    assertTrue(c.error());
    assertTrue(c.result().isVoid());
    assertEquals("java.lang.IllegalStateException", c.errorInfo().type());
    assertEquals("no model", c.errorInfo().message());
    assertTrue(
        c.errorInfo().stackTrace().startsWith("java.lang.IllegalStateException: no model\n\tat "),
        c.errorInfo().stackTrace());
    assertTrue(c.errorInfo().stackTrace().contains("RecorderTest"), c.errorInfo().stackTrace());
  }

  @Test
  void redactedParametersAndResultsKeepOnlyTheirType() {
    int secret =
        tool(
            "login",
            List.of("java.lang.String", "java.lang.String"),
            "java.lang.String",
            new boolean[] {false, true},
            true);
    Object f = rec.enter(secret);
    rec.begin(f);
    rec.argL(f, "alice");
    rec.argL(f, "hunter2");
    rec.exitL(f, "token-123");

    CallRecord c = calls().get(0);
    assertEquals("alice", c.args().get(0).preview());
    ValueRecord pw = c.args().get(1);
    assertTrue(pw.isRedacted());
    assertEquals("<redacted>", pw.preview());
    assertNull(pw.hash());
    assertTrue(c.result().isRedacted());
    assertFalse(c.toString().contains("hunter2") || c.toString().contains("token-123"));
  }

  @Test
  void anAsyncToolEndsWhenItsFutureCompletesOnTheCompletingThread() throws Exception {
    int async = tool("async", List.of(), "java.util.concurrent.CompletableFuture");
    int after = tool("after", List.of(), "void");
    CompletableFuture<String> ok = new CompletableFuture<>();
    CompletableFuture<String> failed = new CompletableFuture<>();
    for (CompletableFuture<String> future : List.of(ok, failed)) {
      Object f = rec.enter(async);
      rec.begin(f);
      rec.exitL(f, future);
    }
    Object a = rec.enter(after);
    rec.begin(a);
    rec.exitV(a);
    rec.flushAll(0); // this thread's batch first, so that the queue order is known
    Thread completer =
        new Thread(
            () -> {
              ok.complete("done");
              failed.completeExceptionally(new java.io.IOException("lost"));
            },
            "completer");
    completer.start();
    completer.join();

    List<CallRecord> calls = calls();
    assertEquals(List.of("after", "async", "async"), tools(calls));
    CallRecord done = calls.get(1);
    assertTrue(done.hasFlag(RecordFormat.FLAG_ASYNC));
    assertEquals("completer", done.threadName());
    assertEquals("done", done.result().preview());
    assertFalse(done.error());
    CallRecord lost = calls.get(2);
    assertTrue(lost.error());
    assertEquals("java.io.IOException", lost.errorInfo().type());
  }

  @Test
  void theBatchLeavesWhenItIsFullOrOldEvenWhileTheOutermostCallRuns() throws Exception {
    int outer = tool("outer", List.of(), "void");
    int child = tool("child", List.of("java.lang.String"), "void");
    Object o = rec.enter(outer);
    rec.begin(o);
    int children = 2 * Recorder.MAX_BATCH_RECORDS + 10;
    for (int i = 0; i < children; i++) {
      Object c = rec.enter(child);
      rec.begin(c);
      rec.argL(c, "c");
      rec.exitV(c);
    }
    // Full (by count) or old (by age, on a slow machine), the batch left before the outer call.
    assertTrue(writer.written() >= Recorder.MAX_BATCH_RECORDS, "written: " + writer.written());
    // A call that ends after the age bound flushes whatever the batch holds.
    Object c = rec.enter(child);
    rec.begin(c);
    rec.argL(c, "c");
    Thread.sleep(Recorder.MAX_BATCH_AGE_NANOS / 1_000_000 + 20);
    rec.exitV(c);
    assertEquals(children + 1, writer.written(), "the batch grew old");
    rec.exitV(o);
    assertEquals(
        children + 1, writer.written(), "a young batch stays with its thread after the return");

    List<CallRecord> calls = calls();
    assertEquals(children + 2, calls.size());
    assertEquals("outer", calls.get(calls.size() - 1).tool());
    java.util.Map<Long, Long> perDocument =
        calls.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    CallRecord::queueIndex, java.util.stream.Collectors.counting()));
    assertTrue(
        perDocument.values().stream().allMatch(n -> n <= Recorder.MAX_BATCH_RECORDS),
        perDocument.toString());
  }

  @Test
  void aBatchPastItsByteBoundLeavesEarly() {
    Recorder wide = new Recorder(writer, 1, 2, 60_000, 1 << 20);
    int outer = tool("outer", List.of(), "void");
    int child = tool("child", List.of("java.lang.String"), "void");
    Object o = wide.enter(outer);
    wide.begin(o);
    String big = "x".repeat(Recorder.MAX_BATCH_BYTES / 3);
    for (int i = 0; i < 4; i++) {
      Object c = wide.enter(child);
      wide.begin(c);
      wide.argL(c, big);
      wide.exitV(c);
    }
    assertTrue(writer.written() >= 3, "flushed before the outermost call: " + writer.written());
    wide.exitV(o);
    wide.flushAll(0);
    assertEquals(5, calls().size());
  }

  /** An application future whose whenComplete throws: the tool's caller must not notice. */
  static final class HostileStage extends CompletableFuture<String> {
    @Override
    public CompletableFuture<String> whenComplete(BiConsumer<? super String, ? super Throwable> a) {
      throw new UnsupportedOperationException("hostile");
    }
  }

  @Test
  void aFailureInsideRecordingIsCountedAndNeverReachesTheCaller() {
    rec = new Recorder(writer, 1, 2, 256, 1 << 20);
    int async = tool("async", List.of(), "java.util.concurrent.CompletionStage");
    int next = tool("next", List.of("java.lang.Object"), "void");
    CompletionStage<String> hostile = new HostileStage();
    Object f = rec.enter(async);
    rec.begin(f);
    rec.exitL(f, hostile); // must not throw
    assertEquals(1, rec.failures());

    Object n = rec.enter(next);
    rec.begin(n);
    rec.argL(
        n,
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("toString is hostile too");
          }
        });
    rec.exitV(n);

    List<CallRecord> calls = calls();
    assertEquals(List.of("next"), tools(calls), "the recorder goes on after a lost record");
    assertTrue(
        calls.get(0).args().get(0).preview().contains("toString() threw"),
        calls.get(0).args().get(0).preview());
  }

  @Test
  void nothingIsDescribedWhileTheQueueDropsAndTheDropIsCounted() {
    int t = tool("t", List.of("java.lang.String"), "void");
    writer.close(); // no longer accepting
    assertNull(rec.enter(t), "enter hands out no frame: the advice skips the arguments");
    assertEquals(1, writer.dropped());
    assertEquals(0, writer.written());
  }

  @Test
  void confidenceInRangeIsRecordedAndOutOfRangeFlaggedAsMissing() {
    int t = tool("scored", List.of(), "void");
    Object f = rec.enter(t);
    rec.begin(f);
    rec.confidence(0.8);
    rec.exitV(f);
    Object g = rec.enter(t);
    rec.begin(g);
    rec.confidence(1.5);
    rec.exitV(g);
    List<CallRecord> calls = calls();
    assertEquals(0.8, calls.get(0).confidence());
    assertNull(calls.get(1).confidence());
    assertTrue(calls.get(1).hasFlag(RecordFormat.FLAG_CONFIDENCE_REJECTED));
  }
}
