/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.record.Buf;
import dev.tooltrace.record.ContentHasher;
import dev.tooltrace.record.Encoder;
import dev.tooltrace.record.Hex;
import dev.tooltrace.record.PrimitiveValues;
import dev.tooltrace.record.QueueFiles;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ToolBlock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Writes synthetic queues the way the agent does: a RUN document first, then one CALLS document per
 * thread batch holding the batch's calls in completion order (a child before its parent), batches
 * of different threads interleaved as the test chooses, RUN_END last.
 */
final class TestQueue implements AutoCloseable {
  /** 2025-11-24T16:00:00Z: a base time for readable tests. */
  static final long T0 = 1_764_000_000_000_000_000L;

  static final long MS = 1_000_000L;

  static final long RUN_HI = 0x1111_2222_3333_4444L;
  static final long RUN_LO = 0x5555_6666_7777_8888L;

  /** The default run's id. */
  static final String RUN = Hex.of(RUN_HI, RUN_LO);

  private final SingleChronicleQueue queue;
  private final ExcerptAppender appender;
  final long runHi;
  final long runLo;
  private int nextToolId = 1;

  TestQueue(Path dir) {
    this(dir, RUN_HI, RUN_LO);
  }

  TestQueue(Path dir, long runHi, long runLo) {
    this.queue = QueueFiles.openForWriting(dir, QueueFiles.DEFAULT_ROLL_CYCLE);
    this.appender = queue.createAppender();
    this.runHi = runHi;
    this.runLo = runLo;
  }

  /** Another run appended to the same queue. */
  TestQueue(TestQueue same, long runHi, long runLo) {
    this.queue = same.queue;
    this.appender = same.appender;
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
    Buf b = new Buf(256);
    Encoder.run(b, runHi, runLo, startNanos, pid, environmentJson);
    write(b);
    return this;
  }

  TestQueue runEnd(long endNanos) {
    Buf b = new Buf(256);
    Encoder.runEnd(b, runHi, runLo, endNanos, "{}");
    write(b);
    return this;
  }

  /** One CALLS document: the batch of {@code thread}, calls in the order given. */
  TestQueue batch(long threadId, String threadName, Call... calls) {
    Buf b = new Buf(1024);
    int countPos = Encoder.beginCalls(b, runHi, runLo, threadId, threadName);
    for (Call c : calls) {
      c.writeTo(b, nextToolId++);
    }
    Encoder.endCalls(b, countPos, calls.length);
    write(b);
    return this;
  }

  /** A document that is not a tooltrace document. */
  TestQueue garbage() {
    Buf b = new Buf(16);
    b.u8(0x00).u8(0x01).u8(0x02).u8(0x03);
    write(b);
    return this;
  }

  private void write(Buf b) {
    try (DocumentContext dc = appender.writingDocument()) {
      dc.wire().bytes().write(b.array(), 0, b.length());
    }
  }

  @Override
  public void close() {
    appender.close();
    queue.close();
  }

  // ---- calls ----

  static Call call(long span, long parent, String tool, long startMs, long durMs) {
    return new Call(span, parent, tool, T0 + startMs * MS, durMs * MS);
  }

  static final class Call {
    final long span;
    final long parent;
    final String tool;
    final long start;
    final long duration;
    long traceHi = 0xAAAA_0000_0000_0001L;
    long traceLo = 0xBBBB_0000_0000_0001L;
    final List<String> names = new ArrayList<>();
    final List<V> args = new ArrayList<>();
    V ret = V.voidValue();
    String errorType;
    String errorMessage;
    double confidence = Double.NaN;

    Call(long span, long parent, String tool, long start, long duration) {
      this.span = span;
      this.parent = parent;
      this.tool = tool;
      this.start = start;
      this.duration = duration;
    }

    Call trace(long lo) {
      this.traceLo = lo;
      return this;
    }

    Call arg(String name, V v) {
      names.add(name);
      args.add(v);
      return this;
    }

    Call returns(V v) {
      this.ret = v;
      return this;
    }

    Call fails(String type, String message) {
      this.errorType = type;
      this.errorMessage = message;
      return this;
    }

    Call confidence(double c) {
      this.confidence = c;
      return this;
    }

    void writeTo(Buf b, int toolId) {
      List<String> types = new ArrayList<>();
      for (V v : args) {
        types.add(v.declaredType);
      }
      ToolBlock block =
          new ToolBlock(
              toolId,
              tool,
              "tool",
              "example.Pipeline",
              tool,
              "(...)",
              names,
              types,
              ret.declaredType);
      int pos =
          Encoder.beginCall(
              b,
              traceHi,
              traceLo,
              span,
              parent,
              block,
              start,
              duration,
              errorType != null,
              0,
              confidence);
      Encoder.argCount(b, args.size());
      for (V v : args) {
        v.writer.accept(b);
      }
      if (errorType != null) {
        V.voidValue().writer.accept(b);
        Encoder.error(
            b, errorType, errorMessage, "at example.Pipeline." + tool + "(Pipeline.java)");
      } else {
        ret.writer.accept(b);
      }
      Encoder.endCall(b, pos);
    }
  }

  // ---- values ----

  static final class V {
    final String declaredType;
    final Consumer<Buf> writer;

    /** The content hash readers will see (null when none). */
    final String hash;

    V(String declaredType, Consumer<Buf> writer, String hash) {
      this.declaredType = declaredType;
      this.writer = writer;
      this.hash = hash;
    }

    static V voidValue() {
      return new V("void", Encoder::valueVoid, null);
    }

    static V nullValue(String type) {
      return new V(type, Encoder::valueNull, null);
    }

    /** A string; {@code producer} is the identity link (0: none). */
    static V str(String s, long producer) {
      ContentHasher h = new ContentHasher().putString(s).finish();
      return object("java.lang.String", "java.lang.String", h, s.length(), s, producer);
    }

    static V str(String s) {
      return str(s, 0);
    }

    /** A record-like object whose content is {@code content}. */
    static V obj(String type, String content, long producer) {
      ContentHasher h = new ContentHasher().putByte('R').putString(type).putString(content);
      return object(type, type, h.finish(), 1, content, producer);
    }

    /** An object without a content hash: identity only. */
    static V opaque(String type, String preview, long producer) {
      return new V(
          type,
          b -> {
            Encoder.objectHead(b, Encoder.encodeStr(type), RecordFormat.HASH_NONE, 0, 0, -1, 0);
            b.str(preview, 256);
            Encoder.objectTail(b, producer, null);
          },
          null);
    }

    static V boxedInt(int v, long producer) {
      ContentHasher h = new ContentHasher();
      PrimitiveValues.hashIntegral(h, 'I', v);
      return object("java.lang.Integer", "java.lang.Integer", h.finish(), 1, "" + v, producer);
    }

    static V primitiveInt(int v) {
      ContentHasher h = new ContentHasher();
      PrimitiveValues.hashIntegral(h, 'I', v);
      return new V("int", b -> Encoder.valueInt(b, v), h.finish().hex());
    }

    static V bool(boolean v) {
      ContentHasher h = new ContentHasher();
      PrimitiveValues.hashIntegral(h, 'Z', v ? 1 : 0);
      return new V("boolean", b -> Encoder.valueBoolean(b, v), h.finish().hex());
    }

    private static V object(
        String declared, String actual, ContentHasher h, long size, String preview, long producer) {
      long hi = h.hi;
      long lo = h.lo;
      String hex = h.hex();
      return new V(
          declared,
          b -> {
            Encoder.objectHead(
                b, Encoder.encodeStr(actual), RecordFormat.HASH_CONTENT, hi, lo, size, 0);
            b.str(preview, 256);
            Encoder.objectTail(b, producer, null);
          },
          hex);
    }
  }
}
