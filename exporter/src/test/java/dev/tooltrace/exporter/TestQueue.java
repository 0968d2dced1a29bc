/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import dev.tooltrace.record.Buf;
import dev.tooltrace.record.Encoder;
import dev.tooltrace.record.Hex;
import dev.tooltrace.record.QueueFiles;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ToolBlock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Writes queues the way the agent does, with the record contract's {@link Encoder}: RUN documents
 * and CALLS batches of small call trees (a root "pipeline" call with a "parse" child that takes a
 * string and an int, and every third tree a failing "classify" child).
 */
final class TestQueue implements AutoCloseable {
  static final ToolBlock PIPELINE =
      new ToolBlock(
          1, "pipeline", "run", "com.example.Pipeline", "run", "()V", List.of(), List.of(), "void");
  static final ToolBlock PARSE =
      new ToolBlock(
          2,
          "parse",
          "parse",
          "com.example.Parser",
          "parse",
          "(Ljava/lang/String;I)Ljava/lang/String;",
          List.of("text", "limit"),
          List.of("java.lang.String", "int"),
          "java.lang.String");
  static final ToolBlock CLASSIFY =
      new ToolBlock(
          3,
          "classify",
          "classify",
          "com.example.Classifier",
          "classify",
          "(Ljava/lang/String;)Ljava/lang/String;",
          List.of("doc"),
          List.of("java.lang.String"),
          "java.lang.String");

  private static final AtomicLong IDS = new AtomicLong(0x1000);
  private static final byte[] STRING_TYPE = Encoder.encodeStr("java.lang.String");

  final SingleChronicleQueue queue;
  private final ExcerptAppender appender;
  private final Buf buf = new Buf(1 << 16);
  final long runHi;
  final long runLo;

  /** Span ids of every call written, lowercase hex, in order. */
  final List<String> spanIds = new ArrayList<>();

  int trees;

  TestQueue(Path dir) {
    this(dir, "FAST_HOURLY", IDS.incrementAndGet());
  }

  TestQueue(Path dir, String rollCycle, long runLo) {
    this.queue = QueueFiles.openForWriting(dir, rollCycle);
    this.appender = queue.createAppender();
    this.runHi = 0x7e57;
    this.runLo = runLo;
  }

  String runId() {
    return Hex.of(runHi, runLo);
  }

  /** The RUN document, as the agent writes it at start. */
  TestQueue run(String environmentJson) {
    buf.clear();
    Encoder.run(buf, runHi, runLo, System.currentTimeMillis() * 1_000_000L, 4242, environmentJson);
    append();
    return this;
  }

  TestQueue run() {
    return run(
        "{\"service.name\":\"doc-pipeline\",\"host.name\":\"test-host\","
            + "\"process.runtime.name\":\"OpenJDK Runtime Environment\","
            + "\"process.runtime.version\":\"17\",\"process.command_line\":\"java -jar app.jar\","
            + "\"jdk.vendor\":\"ignored\"}");
  }

  /** Writes {@code n} call trees, one CALLS document each; returns the span ids written. */
  List<String> trees(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.addAll(tree());
    }
    return out;
  }

  /** One tree (root + children) as one CALLS document, like one outermost tracked call. */
  List<String> tree() {
    trees++;
    boolean failing = trees % 3 == 0;
    long traceHi = IDS.incrementAndGet();
    long traceLo = IDS.incrementAndGet();
    long root = IDS.incrementAndGet();
    long parse = IDS.incrementAndGet();
    long classify = IDS.incrementAndGet();
    long t0 = System.currentTimeMillis() * 1_000_000L;
    buf.clear();
    int count = Encoder.beginCalls(buf, runHi, runLo, 7, "main");
    int calls = 0;
    // Children first: the agent appends a call when it returns.
    int at =
        Encoder.beginCall(
            buf, traceHi, traceLo, parse, root, PARSE, t0 + 1000, 2_000_000, false, 0, 0.93);
    Encoder.argCount(buf, 2);
    string(buf, "hello world", 0);
    Encoder.valueInt(buf, 100);
    string(buf, "HELLO WORLD", 0);
    Encoder.endCall(buf, at);
    calls++;
    at =
        Encoder.beginCall(
            buf,
            traceHi,
            traceLo,
            classify,
            root,
            CLASSIFY,
            t0 + 3_000_000,
            1_000_000,
            failing,
            0,
            failing ? Double.NaN : 0.42);
    Encoder.argCount(buf, 1);
    string(buf, "HELLO WORLD", parse);
    if (failing) {
      Encoder.valueNull(buf);
      Encoder.error(
          buf,
          "java.lang.IllegalStateException",
          "model not loaded",
          "java.lang.IllegalStateException: model not loaded\n\tat com.example.Classifier"
              + ".classify(Classifier.java:42)");
    } else {
      string(buf, "greeting", 0);
    }
    Encoder.endCall(buf, at);
    calls++;
    at =
        Encoder.beginCall(
            buf, traceHi, traceLo, root, 0, PIPELINE, t0, 5_000_000, false, 0, Double.NaN);
    Encoder.argCount(buf, 0);
    Encoder.valueVoid(buf);
    Encoder.endCall(buf, at);
    calls++;
    Encoder.endCalls(buf, count, calls);
    append();
    List<String> ids = List.of(Hex.of(parse), Hex.of(classify), Hex.of(root));
    spanIds.addAll(ids);
    return ids;
  }

  private static void string(Buf b, String s, long producer) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    Encoder.objectHead(
        b, STRING_TYPE, RecordFormat.HASH_CONTENT, s.hashCode(), utf8.length, s.length(), 0);
    b.str(s, 256);
    Encoder.objectTail(b, producer, null);
  }

  /** Raw bytes as one document (for corrupt-record tests). */
  void raw(byte[] bytes) {
    try (DocumentContext dc = appender.writingDocument()) {
      dc.wire().bytes().write(bytes);
    }
  }

  private void append() {
    try (DocumentContext dc = appender.writingDocument()) {
      dc.wire().bytes().write(buf.array(), 0, buf.length());
    }
  }

  @Override
  public void close() {
    appender.close();
    queue.close();
  }
}
