/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.record.ContentHasher;
import dev.tooltrace.record.Hex;
import dev.tooltrace.record.testing.FixtureCall;
import dev.tooltrace.record.testing.FixtureValue;
import dev.tooltrace.record.testing.QueueFixture;
import dev.tooltrace.record.testing.RunFixture;
import java.nio.file.Path;

/**
 * Writes synthetic queues the way the agent does, through the record contract's fixtures (the real
 * batch writer): a RUN document first, then one CALLS document per thread batch holding the batch's
 * calls in completion order (a child before its parent), batches of different threads interleaved
 * as the test chooses, RUN_END last. A small vocabulary for the CLI's tests over {@link
 * QueueFixture}, {@link FixtureCall} and {@link FixtureValue}.
 */
final class TestQueue implements AutoCloseable {
  /** 2025-11-24T16:00:00Z: a base time for readable tests. */
  static final long T0 = 1_764_000_000_000_000_000L;

  static final long MS = 1_000_000L;

  static final long RUN_HI = 0x1111_2222_3333_4444L;
  static final long RUN_LO = 0x5555_6666_7777_8888L;

  /** The default run's id. */
  static final String RUN = Hex.of(RUN_HI, RUN_LO);

  private final QueueFixture queue;
  private final boolean ownsQueue;
  private final RunFixture run;
  final long runHi;
  final long runLo;

  TestQueue(Path dir) {
    this(dir, RUN_HI, RUN_LO);
  }

  TestQueue(Path dir, long runHi, long runLo) {
    this(QueueFixture.create(dir), true, runHi, runLo);
  }

  /** Another run appended to the same queue. */
  TestQueue(TestQueue same, long runHi, long runLo) {
    this(same.queue, false, runHi, runLo);
  }

  private TestQueue(QueueFixture queue, boolean ownsQueue, long runHi, long runLo) {
    this.queue = queue;
    this.ownsQueue = ownsQueue;
    this.run = queue.run(runHi, runLo);
    this.runHi = runHi;
    this.runLo = runLo;
  }

  String runId() {
    return Hex.of(runHi, runLo);
  }

  static String span(long id) {
    return Hex.of(id);
  }

  TestQueue run(long startNanos) {
    return run(startNanos, 4242, "{\"service.name\":\"test-pipeline\"}");
  }

  /** A RUN document with this process id and environment snapshot (JSON). */
  TestQueue run(long startNanos, long pid, String environmentJson) {
    run.start(startNanos, pid, environmentJson);
    return this;
  }

  TestQueue runEnd(long endNanos) {
    run.end(endNanos);
    return this;
  }

  /** One CALLS document: the batch of {@code thread}, calls in the order given. */
  TestQueue batch(long threadId, String threadName, Call... calls) {
    FixtureCall[] fc = new FixtureCall[calls.length];
    for (int i = 0; i < calls.length; i++) {
      fc[i] = calls[i].fixture;
    }
    run.calls(threadId, threadName, fc);
    return this;
  }

  /** A document that is not a tooltrace document. */
  TestQueue garbage() {
    queue.raw(new byte[] {0x00, 0x01, 0x02, 0x03});
    return this;
  }

  @Override
  public void close() {
    if (ownsQueue) {
      queue.close();
    }
  }

  // ---- calls ----

  static Call call(long span, long parent, String tool, long startMs, long durMs) {
    return new Call(span, parent, tool, T0 + startMs * MS, durMs * MS);
  }

  static final class Call {
    final FixtureCall fixture;

    Call(long span, long parent, String tool, long start, long duration) {
      this.fixture =
          FixtureCall.of(tool)
              .code("example.Pipeline", tool, "(...)")
              .operation("tool")
              .span(span)
              .parent(parent)
              .start(start)
              .duration(duration);
    }

    Call trace(long lo) {
      fixture.trace(0xAAAA_0000_0000_0001L, lo);
      return this;
    }

    Call arg(String name, V v) {
      fixture.arg(name, v.value);
      return this;
    }

    Call returns(V v) {
      fixture.returns(v.value);
      return this;
    }

    Call fails(String type, String message) {
      fixture.fails(type, message);
      return this;
    }

    Call confidence(double c) {
      fixture.confidence(c);
      return this;
    }

    Call cost(long cpuNanos, long selfCpuNanos, long allocatedBytes, long selfAllocatedBytes) {
      fixture.cost(cpuNanos, selfCpuNanos, allocatedBytes, selfAllocatedBytes);
      return this;
    }
  }

  // ---- values ----

  static final class V {
    final FixtureValue value;
    final String declaredType;

    /** The content hash readers will see (null when none). */
    final String hash;

    V(FixtureValue value) {
      this.value = value;
      this.declaredType = value.declaredType();
      this.hash = value.hash();
    }

    static V voidValue() {
      return new V(FixtureValue.voidValue());
    }

    static V nullValue(String type) {
      return new V(FixtureValue.nullValue(type));
    }

    /** A string; {@code producer} is the identity link (0: none). */
    static V str(String s, long producer) {
      return new V(FixtureValue.ofString(s).producedBy(producer));
    }

    static V str(String s) {
      return str(s, 0);
    }

    /** A record-like object whose content is {@code content}. */
    static V obj(String type, String content, long producer) {
      ContentHasher h = new ContentHasher().putByte('R').putString(type).putString(content);
      return new V(FixtureValue.object(type, h.finish(), 1, content).producedBy(producer));
    }

    /** An object without a content hash: identity only. */
    static V opaque(String type, String preview, long producer) {
      return new V(FixtureValue.identityOnly(type, preview).producedBy(producer));
    }

    static V boxedInt(int v, long producer) {
      return new V(FixtureValue.of(v).producedBy(producer));
    }

    static V primitiveInt(int v) {
      return new V(FixtureValue.ofInt(v));
    }

    static V bool(boolean v) {
      return new V(FixtureValue.ofBoolean(v));
    }
  }
}
