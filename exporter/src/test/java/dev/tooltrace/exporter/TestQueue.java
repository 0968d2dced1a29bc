/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import dev.tooltrace.record.Hex;
import dev.tooltrace.record.ToolBlock;
import dev.tooltrace.record.testing.FixtureCall;
import dev.tooltrace.record.testing.FixtureValue;
import dev.tooltrace.record.testing.QueueFixture;
import dev.tooltrace.record.testing.RunFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Writes queues the way the agent does, through the record contract's fixtures ({@link
 * QueueFixture}: the real batch writer): RUN documents and CALLS batches of small call trees (a
 * root "pipeline" call with a "parse" child that takes a string and an int, and every third tree a
 * failing "classify" child).
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

  private final QueueFixture fixture;
  final SingleChronicleQueue queue;
  private final RunFixture run;
  final long runHi;
  final long runLo;

  /** Span ids of every call written, lowercase hex, in order. */
  final List<String> spanIds = new ArrayList<>();

  int trees;

  TestQueue(Path dir) {
    this(dir, "FAST_HOURLY", IDS.incrementAndGet());
  }

  TestQueue(Path dir, String rollCycle, long runLo) {
    this.fixture = QueueFixture.create(dir, rollCycle);
    this.queue = fixture.queue();
    this.runHi = 0x7e57;
    this.runLo = runLo;
    this.run = fixture.run(runHi, runLo);
  }

  String runId() {
    return Hex.of(runHi, runLo);
  }

  /** The RUN document, as the agent writes it at start. */
  TestQueue run(String environmentJson) {
    run.start(System.currentTimeMillis() * 1_000_000L, environmentJson);
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
    // Children first: the agent appends a call when it returns.
    FixtureCall parseCall =
        FixtureCall.of(PARSE)
            .trace(traceHi, traceLo)
            .span(parse)
            .parent(root)
            .start(t0 + 1000)
            .duration(2_000_000)
            .confidence(0.93)
            .arg(FixtureValue.ofString("hello world"))
            .arg(FixtureValue.ofInt(100))
            .returns(FixtureValue.ofString("HELLO WORLD"));
    FixtureCall classifyCall =
        FixtureCall.of(CLASSIFY)
            .trace(traceHi, traceLo)
            .span(classify)
            .parent(root)
            .start(t0 + 3_000_000)
            .duration(1_000_000)
            .confidence(failing ? Double.NaN : 0.42)
            .arg(FixtureValue.ofString("HELLO WORLD").producedBy(parse));
    if (failing) {
      classifyCall.fails(
          "java.lang.IllegalStateException",
          "model not loaded",
          "java.lang.IllegalStateException: model not loaded\n\tat com.example.Classifier"
              + ".classify(Classifier.java:42)");
    } else {
      classifyCall.returns(FixtureValue.ofString("greeting"));
    }
    FixtureCall rootCall =
        FixtureCall.of(PIPELINE).trace(traceHi, traceLo).span(root).start(t0).duration(5_000_000);
    run.calls(7, "main", parseCall, classifyCall, rootCall);
    List<String> ids = List.of(Hex.of(parse), Hex.of(classify), Hex.of(root));
    spanIds.addAll(ids);
    return ids;
  }

  /** One CALLS document with one measured "parse" call (capture.cost); returns its span id. */
  String measured(long cpuNanos, long allocatedBytes) {
    long span = IDS.incrementAndGet();
    run.calls(
        7,
        "main",
        FixtureCall.of(PARSE)
            .trace(IDS.incrementAndGet(), IDS.incrementAndGet())
            .span(span)
            .start(System.currentTimeMillis() * 1_000_000L)
            .duration(cpuNanos * 2)
            .arg(FixtureValue.ofString("x"))
            .arg(FixtureValue.ofInt(1))
            .returns(FixtureValue.ofString("X"))
            .cost(cpuNanos, cpuNanos / 2, allocatedBytes, allocatedBytes / 2));
    spanIds.add(Hex.of(span));
    return Hex.of(span);
  }

  /** Raw bytes as one document (for corrupt-record tests). */
  void raw(byte[] bytes) {
    fixture.raw(bytes);
  }

  @Override
  public void close() {
    fixture.close();
  }
}
