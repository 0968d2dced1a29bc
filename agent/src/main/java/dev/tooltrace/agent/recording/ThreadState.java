/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import dev.tooltrace.record.BatchWriter;
import dev.tooltrace.record.ContentHasher;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import net.openhft.chronicle.queue.ExcerptAppender;

/**
 * Everything one application thread needs to record calls: its frame stack, its batch of finished
 * calls (one CALLS document, built by the record contract's {@link BatchWriter}), its appender,
 * hasher and id generator. Only its own thread touches it, except the housekeeper releasing an idle
 * appender: that is guarded by {@link #appendLock}, a lock between this thread and the housekeeper
 * only (see {@link QueueWriter}).
 */
final class ThreadState {
  private static final SecureRandom SEEDS = new SecureRandom();

  final Thread thread;
  final long threadId;
  Frame[] stack = new Frame[8];
  int depth;

  /** The batch: finished calls of this thread, one CALLS document when appended. */
  final BatchWriter batch;

  /** When the open batch got its first call ({@code System.nanoTime}). */
  long batchStartNano;

  /** Set while the agent itself runs application code (toString of an argument, say). */
  boolean busy;

  private long rnd;

  /**
   * This thread's own appender (not Chronicle's thread-local one, so that the housekeeper can
   * release it), guarded by {@link #appendLock}: 0 free, 1 the thread appends, 2 the housekeeper
   * releases it ({@link QueueWriter#releaseIdleAppenders}).
   */
  ExcerptAppender appender;

  Object appenderQueue;
  final AtomicInteger appendLock = new AtomicInteger();

  /** The queue cycle of the appender's last append. */
  volatile int appenderCycle;

  final ContentHasher hasher = new ContentHasher();
  final StringBuilder text = new StringBuilder(512);
  // Trace context attached from another thread (work handed to an executor).
  boolean hasContext;
  long ctxTraceHi;
  long ctxTraceLo;
  long ctxSpanId;

  ThreadState(Thread thread, long runHi, long runLo) {
    this.thread = thread;
    this.threadId = thread.getId();
    this.batch = new BatchWriter(runHi, runLo, threadId, 16 * 1024);
    long s = SEEDS.nextLong() ^ (threadId * 0x9E3779B97F4A7C15L);
    this.rnd = s == 0 ? 0x2545F4914F6CDD1DL : s;
  }

  /** A random non-zero 64-bit id (xorshift64*: fast, allocation-free, seeded securely). */
  long nextId() {
    long x;
    do {
      x = rnd;
      x ^= x >>> 12;
      x ^= x << 25;
      x ^= x >>> 27;
      rnd = x;
      x *= 0x2545F4914F6CDD1DL;
    } while (x == 0);
    return x;
  }

  Frame push(ToolInfo tool) {
    int d = depth;
    if (d == stack.length) {
      Frame[] n = new Frame[d * 2];
      System.arraycopy(stack, 0, n, 0, d);
      stack = n;
    }
    Frame f = stack[d];
    if (f == null) {
      f = new Frame(this, d);
      stack[d] = f;
    }
    if (d == 0) {
      if (hasContext) {
        f.traceHi = ctxTraceHi;
        f.traceLo = ctxTraceLo;
        f.parentSpanId = ctxSpanId;
      } else {
        f.traceHi = nextId();
        f.traceLo = nextId();
        f.parentSpanId = 0;
      }
    } else {
      Frame p = stack[d - 1];
      f.traceHi = p.traceHi;
      f.traceLo = p.traceLo;
      f.parentSpanId = p.spanId;
    }
    f.spanId = nextId();
    f.tool = tool;
    f.args.clear();
    f.argIndex = 0;
    f.confidence = Double.NaN;
    f.flags = tool.flags;
    f.startNano = System.nanoTime();
    depth = d + 1;
    return f;
  }

  Frame top() {
    return depth == 0 ? null : stack[depth - 1];
  }

  /** Opens the batch document if none is open (the thread's name is read now). */
  BatchWriter openBatch() {
    BatchWriter b = batch;
    if (!b.isOpen()) {
      b.open(thread.getName());
      batchStartNano = System.nanoTime();
    }
    return b;
  }
}
