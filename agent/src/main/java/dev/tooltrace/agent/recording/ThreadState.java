/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import dev.tooltrace.record.BatchWriter;
import dev.tooltrace.record.ChainAppender;
import dev.tooltrace.record.ContentHasher;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import net.openhft.chronicle.queue.ExcerptAppender;

/**
 * Everything one application thread needs to record calls: its frame stack, its batch of finished
 * calls (one CALLS document, built by the record contract's {@link BatchWriter}), its appender,
 * hasher, id generator and per-tool statistics. Only its own thread touches it, except the
 * housekeeper, which appends the batch of a thread that went idle ({@link Recorder#flushIdle}) and
 * releases an idle appender ({@link QueueWriter#releaseIdleAppenders}): batch and appender are
 * guarded by {@link #lock}, a lock between this thread and the housekeeper only, taken once per
 * finished call (one uncontended CAS).
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

  /** Calls per tool, outcome, duration and confidence buckets: the per-tool metrics. */
  final ToolStatsTable stats = new ToolStatsTable();

  /** Set while the agent itself runs application code (toString of an argument, say). */
  boolean busy;

  private long rnd;

  /**
   * This thread's own appender (not Chronicle's thread-local one, so that the housekeeper can
   * release it), guarded by {@link #lock}.
   */
  ExcerptAppender appender;

  Object appenderQueue;

  /**
   * Guards {@link #batch} and {@link #appender}: 0 free, 1 held by this thread (writing a finished
   * call into the batch, appending it), 2 held by the housekeeper (appending an idle batch,
   * releasing an idle appender). The housekeeper only ever tries once ({@link
   * #tryLockForHousekeeper}), so the application thread waits at most for one append of its own
   * batch.
   */
  final AtomicInteger lock = new AtomicInteger();

  /** How often this thread holds {@link #lock} (an async completion inside an exit nests). */
  private int holds;

  /** This thread's chain working memory, made at its first append (guarded by {@link #lock}). */
  ChainAppender.Scratch chainScratch;

  /** The queue cycle of the appender's last append. */
  volatile int appenderCycle;

  final ContentHasher hasher = new ContentHasher();
  final StringBuilder text = new StringBuilder(512);

  /** Describing values: the walk over a value's elements, identity and cache lookups. */
  final ElementWalker.Scratch scratch = new ElementWalker.Scratch();

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

  /**
   * Takes {@link #lock} for this thread (reentrant). Only this thread ever sets 1, so finding 1
   * when it holds nothing means an earlier release failed (no stack left even for that): the lock
   * is already this thread's, and waiting for it would hang the application.
   */
  void lock() {
    if (holds > 0) {
      holds++;
      return;
    }
    AtomicInteger l = lock;
    while (!l.compareAndSet(0, 1) && l.get() != 1) {
      Thread.onSpinWait();
    }
    holds = 1;
  }

  /**
   * Releases one hold of {@link #lock}. The count is only decremented before the release, so an
   * overflow between the two leaves the lock set by this thread, which its next {@link #lock} takes
   * over.
   */
  void unlock() {
    if (holds > 1) {
      holds--;
      return;
    }
    holds = 0;
    lock.setRelease(0);
  }

  /**
   * One try by the housekeeper; true when it now holds {@link #lock} (release with {@link
   * #unlockForHousekeeper}). The lock of a thread that has {@code ended} is taken even if that
   * thread left it set: it can no longer be inside an exit.
   */
  boolean tryLockForHousekeeper(boolean ended) {
    return lock.compareAndSet(0, 2) || (ended && lock.compareAndSet(1, 2));
  }

  /** This thread's own lock, found set where it cannot hold it: released (see Recorder.enter). */
  void releaseLeftoverLock() {
    holds = 0;
    lock.setRelease(0);
  }

  void unlockForHousekeeper() {
    lock.set(0);
  }

  /**
   * Where a call's recording starts: the batch's length and its complete calls (for {@link
   * #rollback}).
   */
  long mark() {
    BatchWriter b = batch;
    return (long) (b.isOpen() ? b.calls() : 0) << 32 | (b.mark() & 0xFFFFFFFFL);
  }

  /**
   * Drops a call whose recording failed half-way, back to {@code mark}; a call that was already
   * complete (the failure came after, on the way to appending the batch) stays.
   */
  void rollback(long mark) {
    BatchWriter b = batch;
    if (b.calls() == (int) (mark >>> 32)) {
      b.rollback((int) mark);
    }
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
