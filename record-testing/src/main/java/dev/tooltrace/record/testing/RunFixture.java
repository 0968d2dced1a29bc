/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record.testing;

import dev.tooltrace.record.BatchWriter;
import dev.tooltrace.record.Buf;
import dev.tooltrace.record.Encoder;
import dev.tooltrace.record.Hex;
import dev.tooltrace.record.ToolBlock;
import java.util.HashMap;
import java.util.Map;

/**
 * The documents of one run, written the way the agent writes them: RUN at start, CALLS batches
 * (each built by the record contract's {@link BatchWriter}: tool blocks inline at a tool's first
 * call in the document, by id after), SAMPLE evidence, RUN_END. Documents go to a {@link
 * DocumentSink} in the order they are written.
 */
public final class RunFixture {
  private final DocumentSink sink;
  private final long runHi;
  private final long runLo;
  private final Buf buf = new Buf(1024);
  private final Map<String, Integer> toolIds = new HashMap<>();
  private int nextToolId = 1;

  public RunFixture(DocumentSink sink, long runHi, long runLo) {
    this.sink = sink;
    this.runHi = runHi;
    this.runLo = runLo;
  }

  /** The run id as readers see it (32 hex chars). */
  public String runId() {
    return Hex.of(runHi, runLo);
  }

  public long runHi() {
    return runHi;
  }

  public long runLo() {
    return runLo;
  }

  /** The RUN document: the run's start, its process id and environment snapshot (JSON). */
  public RunFixture start(long startEpochNanos, long pid, String environmentJson) {
    buf.clear();
    Encoder.run(buf, runHi, runLo, startEpochNanos, pid, environmentJson);
    sink.accept(buf);
    return this;
  }

  /** The RUN document with pid 4242. */
  public RunFixture start(long startEpochNanos, String environmentJson) {
    return start(startEpochNanos, 4242, environmentJson);
  }

  /** A SAMPLE document (system evidence). */
  public RunFixture sample(long epochNanos, String[] names, double[] values) {
    buf.clear();
    Encoder.sample(buf, runHi, runLo, epochNanos, names, values);
    sink.accept(buf);
    return this;
  }

  /** The RUN_END document with the agent's final counters (JSON). */
  public RunFixture end(long endEpochNanos, String countersJson) {
    buf.clear();
    Encoder.runEnd(buf, runHi, runLo, endEpochNanos, countersJson);
    sink.accept(buf);
    return this;
  }

  public RunFixture end(long endEpochNanos) {
    return end(endEpochNanos, "{}");
  }

  /**
   * One CALLS document: the batch of thread {@code threadId}, its calls in the order given (the
   * agent appends a call when it returns: children before their parent).
   */
  public RunFixture calls(long threadId, String threadName, FixtureCall... calls) {
    BatchWriter w = new BatchWriter(runHi, runLo, threadId, 1024);
    w.open(threadName);
    Buf args = new Buf(256);
    for (FixtureCall c : calls) {
      ToolBlock tool = c.block != null ? c.block : c.derive(toolId(c));
      int pos =
          w.beginCall(
              c.traceHi,
              c.traceLo,
              c.spanId,
              c.parentSpanId,
              tool,
              c.startEpochNanos,
              c.durationNanos,
              c.failed(),
              c.flags,
              c.confidence);
      args.clear();
      for (FixtureValue v : c.args) {
        v.writeTo(args);
      }
      w.arguments(c.args.size(), args);
      if (c.failed()) {
        FixtureValue.voidValue().writeTo(w.buf());
        w.error(c.errorType, c.errorMessage, c.stackTrace);
      } else {
        c.result.writeTo(w.buf());
      }
      if (c.cost != null) {
        w.cost(c.cost[0], c.cost[1], c.cost[2], c.cost[3]);
      }
      w.endCall(pos);
    }
    Buf doc = w.finish();
    if (doc != null) {
      sink.accept(doc);
    }
    return this;
  }

  private int toolId(FixtureCall c) {
    return toolIds.computeIfAbsent(c.signature(), s -> nextToolId++);
  }
}
