/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import dev.tooltrace.agent.log.AgentLog;
import dev.tooltrace.agent.telemetry.ToolStatsSnapshot;
import dev.tooltrace.bootstrap.Dispatcher;
import dev.tooltrace.record.BatchWriter;
import dev.tooltrace.record.Buf;
import dev.tooltrace.record.Hex;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ToolBlock;
import dev.tooltrace.record.ValueEncoder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * The agent's {@link Dispatcher}: turns the woven code's enter/argument/exit calls into call
 * records, per thread. The record layout is the record contract's: arguments are encoded with
 * {@link ValueEncoder} into the frame's buffer as they arrive, and each finished call goes into the
 * thread's {@link BatchWriter}.
 *
 * <p>Hot-path rules: no allocation for primitive arguments and results (they are encoded raw into
 * the frame's reused buffer); one {@code ThreadLocal} lookup and two {@code nanoTime} calls per
 * call; nothing shared between application threads is written, and no lock is taken except the
 * thread's own {@link ThreadState#lock} (one uncontended CAS per finished call; the housekeeper
 * takes it only to append a batch its thread left idle). Per-tool metrics are counted here too, in
 * the thread's {@link ToolStats}, so nothing has to decode the queue again for them.
 *
 * <p>Batches: the calls a thread finishes, outermost or nested, go into one CALLS document, which
 * is appended (one Chronicle append) when it holds {@link #MAX_BATCH_BYTES} or {@link
 * #MAX_BATCH_RECORDS} calls, or when a call finishes {@code batch.max.age} ({@link
 * #MAX_BATCH_AGE_NANOS} by default) after the batch's first; with {@code batch.max.age=0}, when the
 * thread's outermost call returns (one document per outermost call). A thread that goes idle leaves
 * its batch to the housekeeper ({@link #flushIdle}, every {@link #FLUSH_INTERVAL_MILLIS} ms), and
 * the shutdown hook appends every batch ({@link #flushAll}). So a call is in the queue at most
 * about {@code MAX_BATCH_AGE + FLUSH_INTERVAL} after it finished, which bounds what a {@code kill
 * -9} can lose (docs/disaster-recovery.md). Every method catches everything: a failure loses a
 * record (counted), never the application's call.
 */
public final class Recorder extends Dispatcher {
  private static final AgentLog.Component LOG = AgentLog.of("record");
  static final int MAX_BATCH_BYTES = 32 * 1024;
  static final int MAX_BATCH_RECORDS = 1024;
  static final long MAX_BATCH_AGE_NANOS = 100_000_000L;

  /** {@code batch.max.age}: {@link #MAX_BATCH_AGE_NANOS} unless configured; 0 = old behaviour. */
  private long maxAgeNanos = MAX_BATCH_AGE_NANOS;

  /** How often the housekeeper appends the batches of idle threads ({@link #flushIdle}). */
  public static final long FLUSH_INTERVAL_MILLIS = 50;

  private static final int MAX_DEPTH = 100_000;

  /** Probe depth: about 16 KB of stack, more than a Chronicle append needs. */
  private static final int STACK_PROBE_FRAMES = 256;

  /**
   * Per-thread state, created by the thread's first tracked call (or attached context), not by mere
   * lookups: threads that only create tasks (capturing no context) never pay for a state.
   */
  private final ThreadLocal<ThreadState> states = new ThreadLocal<>();

  /** Every thread's state, for the housekeeper's flushes and the per-tool metrics. */
  private final Set<ThreadState> threads = ConcurrentHashMap.newKeySet();

  /**
   * Per-tool counts of threads that ended, folded in by the housekeeper; guarded by itself, which
   * {@link #toolStats} also holds so that no collection sees a thread both live and retired.
   */
  private final List<ToolStats> retired = new ArrayList<>();

  private volatile double highConfidence = 0.8;
  private volatile double mediumConfidence = 0.5;

  private final QueueWriter writer;
  private final ValueWriter values;
  private final long runHi;
  private final long runLo;
  private final LongAdder failures = new LongAdder();
  private final ConcurrentHashMap<String, Boolean> reported = new ConcurrentHashMap<>();

  public Recorder(QueueWriter writer, long runHi, long runLo, int previewChars, long hashMaxBytes) {
    this(writer, runHi, runLo, previewChars, hashMaxBytes, 65536, Pattern.compile("(?!)"));
  }

  /**
   * @param captureMaxBytes bound of one full argument capture (tools with captureArgs only)
   * @param redactNames names (of record components, bean properties, map keys) never captured
   */
  public Recorder(
      QueueWriter writer,
      long runHi,
      long runLo,
      int previewChars,
      long hashMaxBytes,
      long captureMaxBytes,
      Pattern redactNames) {
    this(
        writer,
        runHi,
        runLo,
        previewChars,
        hashMaxBytes,
        captureMaxBytes,
        redactNames,
        DEFAULT_ELEMENTS_MAX,
        DEFAULT_BUDGET_MICROS);
  }

  /** {@code capture.elements.max}'s default. */
  public static final int DEFAULT_ELEMENTS_MAX = 1024;

  /** {@code capture.budget.micros}'s default. */
  public static final long DEFAULT_BUDGET_MICROS = 5;

  /**
   * @param elementsMax elements looked at per value for lineage ({@code capture.elements.max})
   * @param budgetMicros the adaptive budget of a parameter's description ({@code
   *     capture.budget.micros}; 0: never switch to sampled hashes)
   */
  public Recorder(
      QueueWriter writer,
      long runHi,
      long runLo,
      int previewChars,
      long hashMaxBytes,
      long captureMaxBytes,
      Pattern redactNames,
      int elementsMax,
      long budgetMicros) {
    this.writer = writer;
    this.runHi = runHi;
    this.runLo = runLo;
    this.values =
        new ValueWriter(
            previewChars,
            hashMaxBytes,
            new IdentityLinks(1 << 20),
            new CaptureWriter(captureMaxBytes, redactNames),
            elementsMax,
            budgetMicros);
    warmUp();
  }

  /** Values described with a sampled hash because their parameter's budget switched it. */
  public long sampledValues() {
    return values.sampledValues();
  }

  /** Values whose elements could not all be read (a collection changed while it was read). */
  public long degradedValues() {
    return values.degradedValues();
  }

  /**
   * Loads and initialises now the classes the exit path needs that nothing has loaded before the
   * first call ends. That first exit may come at the bottom of a deep recursion (a tool that
   * overflows the stack), where loading a class leaves the JVM no stack to call the class file
   * transformers (it prints "java.lang.instrument ASSERTION FAILED") and the records are lost.
   */
  private static void warmUp() {
    AgentClock.nowEpochNanos();
    ErrorText.message(new IllegalStateException("warm-up"));
    new ToolStatsTable().of(1).record(1, "warm-up", 0.5, 0.8, 0.5);
    // A whole call into a batch: the record contract's writer classes (the RUN document that used
    // to load them at premain is written later now, off the premain thread).
    BatchWriter w = new BatchWriter(0, 0, 0, 256);
    w.open("warm-up");
    ToolBlock tool =
        new ToolBlock(0, "warm-up", "", "warm-up", "warmUp", "()V", List.of(), List.of(), "void");
    int pos = w.beginCall(1, 1, 1, 0, tool, 0, 0, true, 0, Double.NaN);
    w.argumentCount(0);
    ValueEncoder.voidValue(w.buf());
    w.error("warm-up", "", "");
    w.endCall(pos);
    w.finish();
    w.reset();
  }

  private ThreadState state() {
    ThreadState ts = states.get();
    if (ts == null) {
      ts = new ThreadState(Thread.currentThread(), runHi, runLo);
      states.set(ts);
      threads.add(ts);
    }
    return ts;
  }

  /** {@code batch.max.age}; call before the recorder is installed. */
  public void batchMaxAge(java.time.Duration age) {
    this.maxAgeNanos = Math.max(0, age.toNanos());
  }

  /** The confidence thresholds of the quality tiers (HIGH at or above high, MEDIUM at or above). */
  public void qualityThresholds(double high, double medium) {
    this.highConfidence = high;
    this.mediumConfidence = medium;
  }

  /** Internal failures (a record lost to a bug or an exotic value), each reported once. */
  public long failures() {
    return failures.sum();
  }

  private void fail(String where, Throwable t) {
    failures.increment();
    String key = where + ":" + t.getClass().getName();
    if (reported.putIfAbsent(key, Boolean.TRUE) == null) {
      LOG.warn(
          "recording failed in "
              + where
              + " ("
              + t
              + "); the call ran normally, its record"
              + " is lost; further failures of this kind are only counted");
    }
  }

  // ---- enter / arguments -----------------------------------------------------------------

  @Override
  public Object enter(int toolId) {
    try {
      ThreadState ts = state();
      if (ts.busy || ts.depth >= MAX_DEPTH) {
        return null;
      }
      if (ts.lock.get() == 1) {
        // Not inside an exit of this thread (those that run application code mark it busy), so
        // the lock is left over from an exit that overflowed the stack before it could release it.
        ts.releaseLeftoverLock();
      }
      ToolInfo tool = ToolRegistry.get(toolId);
      if (tool == null) {
        return null;
      }
      if (!writer.accepting()) {
        // The record would be dropped at flush: count it now and skip describing the values.
        writer.countDropped(1);
        return null;
      }
      Frame f = ts.push(tool);
      f.timedCount = 0;
      return f;
    } catch (Throwable t) {
      fail("enter", t);
      return null;
    }
  }

  @Override
  public void begin(Object frame) {
    Frame f = (Frame) frame;
    if (f.tool.captureCost) {
      startCost(f);
    }
    f.startNano = System.nanoTime();
  }

  // ---- cost (capture.cost) -----------------------------------------------------------------

  /**
   * Reads the thread's counters as the tool's body starts (after its arguments were described, so
   * the agent's own work is not the call's cost).
   */
  private static void startCost(Frame f) {
    f.childCpu = 0;
    f.childAlloc = 0;
    f.allocStart = ThreadCost.allocatedBytes();
    f.cpuStart = ThreadCost.cpuNanos();
  }

  /**
   * Reads the counters as the body ends (before the result is described) and hands the call's
   * totals to the frame below it, whose "self" figures exclude them.
   */
  private static void stopCost(Frame f) {
    f.cpuTotal = ThreadCost.cpuNanos() - f.cpuStart;
    f.allocTotal = ThreadCost.allocatedBytes() - f.allocStart;
    if (f.level > 0 && f.owner != null) {
      Frame parent = f.owner.stack[f.level - 1];
      parent.childCpu += f.cpuTotal;
      parent.childAlloc += f.allocTotal;
    }
  }

  private static void writeCost(BatchWriter w, Frame f) {
    w.cost(f.cpuTotal, f.cpuTotal - f.childCpu, f.allocTotal, f.allocTotal - f.childAlloc);
  }

  private boolean redactedArg(Frame f) {
    int i = f.argIndex++;
    boolean[] r = f.tool.redacted;
    if (i < r.length && r[i]) {
      ValueEncoder.redacted(f.args, f.tool.block.paramTypes.get(i));
      return true;
    }
    return false;
  }

  @Override
  public void argZ(Object frame, boolean v) {
    Frame f = (Frame) frame;
    if (!redactedArg(f)) {
      ValueEncoder.booleanValue(f.args, v);
    }
  }

  @Override
  public void argI(Object frame, int v) {
    Frame f = (Frame) frame;
    if (!redactedArg(f)) {
      ValueEncoder.intValue(f.args, v);
    }
  }

  @Override
  public void argJ(Object frame, long v) {
    Frame f = (Frame) frame;
    if (!redactedArg(f)) {
      ValueEncoder.longValue(f.args, v);
    }
  }

  @Override
  public void argD(Object frame, double v) {
    Frame f = (Frame) frame;
    if (!redactedArg(f)) {
      ValueEncoder.doubleValue(f.args, v);
    }
  }

  @Override
  public void argL(Object frame, Object v) {
    Frame f = (Frame) frame;
    if (redactedArg(f)) {
      return;
    }
    ThreadState ts = f.owner;
    boolean was = ts.busy;
    ts.busy = true;
    try {
      int i = f.argIndex - 1;
      long nanos = values.write(f.args, v, ts, f.tool.captureArgs, f.tool.budget(i), 0);
      if (nanos >= 0) {
        f.timed(i, nanos);
      }
    } catch (Throwable t) {
      ValueEncoder.unavailable(f.args, t.getClass().getName());
    } finally {
      ts.busy = was;
    }
  }

  // ---- exit --------------------------------------------------------------------------------

  /**
   * Writes the call's head and arguments into the thread's batch; returns the call's position, for
   * {@link #tail}.
   */
  private int head(ThreadState ts, Frame f, long end, boolean error) {
    if (f.timedCount != 0) {
      judgeArguments(f, end - f.startNano);
    }
    BatchWriter w = ts.openBatch();
    int pos =
        w.beginCall(
            f.traceHi,
            f.traceLo,
            f.spanId,
            f.parentSpanId,
            f.tool.block,
            AgentClock.epochNanos(f.startNano),
            end - f.startNano,
            error,
            f.flags,
            f.confidence);
    w.arguments(f.argIndex, f.args);
    return pos;
  }

  /** Judges the timed argument descriptions against the call's own duration (once per call). */
  private void judgeArguments(Frame f, long callNanos) {
    for (int k = 0; k < f.timedCount; k++) {
      values.judge(f.tool.budget(f.timedArgs[k]), f.timedNanos[k], callNanos);
    }
    f.timedCount = 0;
  }

  /**
   * Completes the call in the batch, counts it in the tool's metrics, and appends the batch if it
   * is full or old enough.
   *
   * @param errorType the exception's class name, null when the call returned normally
   */
  private void tail(ThreadState ts, Frame f, int pos, long end, String errorType) {
    BatchWriter w = ts.batch;
    if (f.tool.captureCost) {
      writeCost(w, f);
    }
    w.endCall(pos);
    ts.depth = f.level;
    ToolStats stats = ts.stats.of(f.tool.block.toolId);
    stats.record(end - f.startNano, errorType, f.confidence, highConfidence, mediumConfidence);
    if (f.tool.captureCost) {
      stats.recordCost(f.cpuTotal, f.allocTotal);
    }
    if (due(ts, w, end) && (ts.depth == 0 || stackHeadroom())) {
      flush(ts);
    }
  }

  /** Whether the batch is full or old enough to be appended now. */
  private boolean due(ThreadState ts, BatchWriter w, long end) {
    return w.bytes() >= MAX_BATCH_BYTES
        || w.calls() >= MAX_BATCH_RECORDS
        || (maxAgeNanos > 0 ? end - ts.batchStartNano >= maxAgeNanos : ts.depth == 0);
  }

  /**
   * Whether this thread has stack left for a Chronicle append. A batch that fills up while a deep
   * recursion of tracked calls unwinds after a {@link StackOverflowError} would otherwise be
   * appended with the stack nearly exhausted, and an overflow inside Chronicle's {@code
   * writingDocument()} leaves the queue's write lock held: every appender then waits 15 s for it
   * and fails. Overflowing in our own probe frames is harmless; the batch is appended a few frames
   * further up instead. Only flushes below the outermost call probe: the common flush (the
   * outermost call returns) stays free of it.
   */
  static boolean stackHeadroom() {
    try {
      return probe(STACK_PROBE_FRAMES, 1, 2, 3, 4) != 0;
    } catch (StackOverflowError e) {
      return false;
    }
  }

  private static long probe(int n, long a, long b, long c, long d) {
    return n == 0 ? a | 1 : probe(n - 1, b, c, d, a + n) + (a ^ b ^ c ^ d) | 1;
  }

  /**
   * Appends the thread's batch as one document (a no-op when it holds no call); the caller holds
   * the thread's lock.
   */
  private void flush(ThreadState ts) {
    BatchWriter w = ts.batch;
    Buf doc = w.finish();
    if (doc != null) {
      writer.append(ts, doc, w.calls());
    }
    w.reset();
  }

  /**
   * The housekeeper's round ({@link #FLUSH_INTERVAL_MILLIS}): appends the batch of every thread
   * whose batch is older than {@link #MAX_BATCH_AGE_NANOS} (a thread that went idle after a few
   * calls), or whose thread ended; retires ended threads. A thread busy in its own exit is left for
   * the next round (one try, never a wait). Returns the calls appended.
   */
  public long flushIdle() {
    return flush(false, 0);
  }

  /**
   * Appends every thread's batch, whatever its age (the shutdown hook, before RUN_END). A thread
   * still inside an exit is waited for up to {@code waitNanos} in all. Returns the calls appended.
   */
  public long flushAll(long waitNanos) {
    return flush(true, waitNanos);
  }

  private long flush(boolean all, long waitNanos) {
    long appended = 0;
    long deadline = System.nanoTime() + waitNanos;
    for (ThreadState ts : threads) {
      try {
        boolean ended = !ts.thread.isAlive();
        boolean locked = ts.tryLockForHousekeeper(ended);
        while (!locked && all && System.nanoTime() - deadline < 0) {
          Thread.sleep(1);
          locked = ts.tryLockForHousekeeper(ended);
        }
        if (!locked) {
          continue;
        }
        try {
          BatchWriter w = ts.batch;
          if (w.isOpen()
              && w.calls() > 0
              && (all || ended || System.nanoTime() - ts.batchStartNano >= maxAgeNanos)) {
            int n = w.calls();
            if (writer.appendFromHousekeeper(w.finish(), n)) {
              appended += n;
            }
            w.reset();
          }
        } finally {
          ts.unlockForHousekeeper();
        }
        if (ended) {
          retire(ts);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return appended;
      } catch (Throwable t) {
        fail("flush", t);
      }
    }
    return appended;
  }

  /**
   * Folds an ended thread's per-tool counts into {@link #retired} and forgets the thread — once,
   * though the housekeeper's round and the shutdown hook's may both find it ended.
   */
  private void retire(ThreadState ts) {
    synchronized (retired) {
      if (!threads.remove(ts)) {
        return;
      }
      for (ToolStats s : ts.stats.all()) {
        if (s == null) {
          continue;
        }
        while (retired.size() <= s.toolId) {
          retired.add(null);
        }
        ToolStats r = retired.get(s.toolId);
        if (r == null) {
          retired.set(s.toolId, r = new ToolStats(s.toolId));
        }
        r.addFrom(s);
      }
    }
  }

  /**
   * The per-tool metrics now: every live thread's counts plus those of ended threads, summed per
   * tool name (the metrics collection's thread; see {@link ToolStats} on reading without locks).
   */
  public Collection<ToolStatsSnapshot> toolStats() {
    TreeMap<String, ToolStatsSnapshot> byName = new TreeMap<>();
    synchronized (retired) {
      for (ToolStats s : retired) {
        addTo(byName, s);
      }
      for (ThreadState ts : threads) {
        for (ToolStats s : ts.stats.all()) {
          addTo(byName, s);
        }
      }
    }
    return byName.values();
  }

  private static void addTo(TreeMap<String, ToolStatsSnapshot> byName, ToolStats s) {
    if (s == null) {
      return;
    }
    ToolInfo tool = ToolRegistry.get(s.toolId);
    if (tool != null) {
      s.addTo(byName.computeIfAbsent(tool.name(), ToolStatsSnapshot::new));
    }
  }

  /** A call whose recording failed half-way: drops what it wrote, counts and reports it once. */
  private void abandon(Frame f, long mark, Throwable t) {
    ThreadState ts = f.owner;
    ts.rollback(mark);
    ts.depth = Math.min(ts.depth, f.level);
    fail("exit", t);
  }

  private static boolean redactedReturn(ThreadState ts, Frame f) {
    if (f.tool.redactReturn) {
      ValueEncoder.redacted(ts.batch.buf(), f.tool.block.returnType);
      return true;
    }
    return false;
  }

  @Override
  public void exitV(Object frame) {
    long end = System.nanoTime();
    Frame f = (Frame) frame;
    if (f.tool.captureCost) {
      stopCost(f);
    }
    ThreadState ts = f.owner;
    ts.lock();
    long mark = ts.mark();
    try {
      int pos = head(ts, f, end, false);
      ValueEncoder.voidValue(ts.batch.buf());
      tail(ts, f, pos, end, null);
    } catch (Throwable t) {
      abandon(f, mark, t);
    } finally {
      ts.unlock();
    }
  }

  @Override
  public void exitZ(Object frame, boolean v) {
    long end = System.nanoTime();
    Frame f = (Frame) frame;
    if (f.tool.captureCost) {
      stopCost(f);
    }
    ThreadState ts = f.owner;
    ts.lock();
    long mark = ts.mark();
    try {
      int pos = head(ts, f, end, false);
      if (!redactedReturn(ts, f)) {
        ValueEncoder.booleanValue(ts.batch.buf(), v);
      }
      tail(ts, f, pos, end, null);
    } catch (Throwable t) {
      abandon(f, mark, t);
    } finally {
      ts.unlock();
    }
  }

  @Override
  public void exitI(Object frame, int v) {
    long end = System.nanoTime();
    Frame f = (Frame) frame;
    if (f.tool.captureCost) {
      stopCost(f);
    }
    ThreadState ts = f.owner;
    ts.lock();
    long mark = ts.mark();
    try {
      int pos = head(ts, f, end, false);
      if (!redactedReturn(ts, f)) {
        ValueEncoder.intValue(ts.batch.buf(), v);
      }
      tail(ts, f, pos, end, null);
    } catch (Throwable t) {
      abandon(f, mark, t);
    } finally {
      ts.unlock();
    }
  }

  @Override
  public void exitJ(Object frame, long v) {
    long end = System.nanoTime();
    Frame f = (Frame) frame;
    if (f.tool.captureCost) {
      stopCost(f);
    }
    ThreadState ts = f.owner;
    ts.lock();
    long mark = ts.mark();
    try {
      int pos = head(ts, f, end, false);
      if (!redactedReturn(ts, f)) {
        ValueEncoder.longValue(ts.batch.buf(), v);
      }
      tail(ts, f, pos, end, null);
    } catch (Throwable t) {
      abandon(f, mark, t);
    } finally {
      ts.unlock();
    }
  }

  @Override
  public void exitD(Object frame, double v) {
    long end = System.nanoTime();
    Frame f = (Frame) frame;
    if (f.tool.captureCost) {
      stopCost(f);
    }
    ThreadState ts = f.owner;
    ts.lock();
    long mark = ts.mark();
    try {
      int pos = head(ts, f, end, false);
      if (!redactedReturn(ts, f)) {
        ValueEncoder.doubleValue(ts.batch.buf(), v);
      }
      tail(ts, f, pos, end, null);
    } catch (Throwable t) {
      abandon(f, mark, t);
    } finally {
      ts.unlock();
    }
  }

  @Override
  public void exitL(Object frame, Object v) {
    long end = System.nanoTime();
    Frame f = (Frame) frame;
    if (f.tool.captureCost) {
      stopCost(f);
    }
    ThreadState ts = f.owner;
    if (v instanceof CompletionStage && !isDone(v)) {
      deferUntilComplete(ts, f, (CompletionStage<?>) v);
      return;
    }
    ts.lock();
    long mark = ts.mark();
    boolean was = ts.busy;
    ts.busy = true;
    try {
      int pos = head(ts, f, end, false);
      if (!redactedReturn(ts, f)) {
        ValueBudget budget = f.tool.returnBudget();
        long nanos = values.write(ts.batch.buf(), v, ts, false, budget, f.spanId);
        values.judge(budget, nanos, end - f.startNano);
      }
      values.rememberProducer(v, f.spanId);
      ts.busy = was;
      tail(ts, f, pos, end, null);
    } catch (Throwable t) {
      ts.busy = was;
      abandon(f, mark, t);
    } finally {
      ts.unlock();
    }
  }

  @Override
  public void exitThrown(Object frame, Throwable thrown) {
    long end = System.nanoTime();
    Frame f = (Frame) frame;
    if (f.tool.captureCost) {
      stopCost(f);
    }
    ThreadState ts = f.owner;
    ts.lock();
    long mark = ts.mark();
    boolean was = ts.busy;
    ts.busy = true;
    try {
      int pos = head(ts, f, end, true);
      ValueEncoder.voidValue(ts.batch.buf());
      String type = thrown.getClass().getName();
      ts.batch.error(type, ErrorText.message(thrown), ErrorText.stackTrace(thrown, ts.text));
      ts.busy = was;
      tail(ts, f, pos, end, type);
    } catch (Throwable t) {
      ts.busy = was;
      abandon(f, mark, t);
    } finally {
      ts.unlock();
    }
  }

  // ---- asynchronous tools ------------------------------------------------------------------

  private static boolean isDone(Object stage) {
    return stage instanceof java.util.concurrent.Future
        && ((java.util.concurrent.Future<?>) stage).isDone();
  }

  /**
   * A tool returned a future that is not complete: its span ends when the future completes, on
   * whichever thread completes it. The frame is copied (frames are reused) and popped now.
   */
  private void deferUntilComplete(ThreadState ts, Frame f, CompletionStage<?> stage) {
    try {
      Frame copy = new Frame(null, 0);
      copy.tool = f.tool;
      copy.traceHi = f.traceHi;
      copy.traceLo = f.traceLo;
      copy.spanId = f.spanId;
      copy.parentSpanId = f.parentSpanId;
      copy.startNano = f.startNano;
      copy.confidence = f.confidence;
      copy.flags = f.flags | RecordFormat.FLAG_ASYNC;
      copy.args.append(f.args);
      copy.argIndex = f.argIndex;
      copy.cpuTotal = f.cpuTotal;
      copy.allocTotal = f.allocTotal;
      copy.childCpu = f.childCpu;
      copy.childAlloc = f.childAlloc;
      ts.depth = f.level;
      stage.whenComplete((r, t) -> completeAsync(copy, r, t));
    } catch (Throwable t) {
      ts.depth = Math.min(ts.depth, f.level);
      fail("exit", t);
    }
  }

  private void completeAsync(Frame copy, Object result, Throwable thrown) {
    long end = System.nanoTime();
    ThreadState ts = state();
    boolean was = ts.busy;
    ts.busy = true;
    ts.lock();
    BatchWriter w = ts.batch;
    long mark = ts.mark();
    try {
      Throwable cause =
          thrown instanceof java.util.concurrent.CompletionException && thrown.getCause() != null
              ? thrown.getCause()
              : thrown;
      ts.openBatch();
      int pos =
          w.beginCall(
              copy.traceHi,
              copy.traceLo,
              copy.spanId,
              copy.parentSpanId,
              copy.tool.block,
              AgentClock.epochNanos(copy.startNano),
              end - copy.startNano,
              cause != null,
              copy.flags,
              copy.confidence);
      w.arguments(copy.argIndex, copy.args);
      Buf b = w.buf();
      if (cause != null) {
        ValueEncoder.voidValue(b);
        w.error(
            cause.getClass().getName(),
            ErrorText.message(cause),
            ErrorText.stackTrace(cause, ts.text));
      } else if (!copy.tool.redactReturn) {
        values.write(b, result, ts, false, copy.tool.returnBudget(), copy.spanId);
        values.rememberProducer(result, copy.spanId);
      } else {
        ValueEncoder.redacted(b, copy.tool.block.returnType);
      }
      if (copy.tool.captureCost) {
        writeCost(w, copy);
      }
      w.endCall(pos);
      ToolStats stats = ts.stats.of(copy.tool.block.toolId);
      stats.record(
          end - copy.startNano,
          cause == null ? null : cause.getClass().getName(),
          copy.confidence,
          highConfidence,
          mediumConfidence);
      if (copy.tool.captureCost) {
        stats.recordCost(copy.cpuTotal, copy.allocTotal);
      }
      if (due(ts, w, end) && (ts.depth == 0 || stackHeadroom())) {
        flush(ts);
      }
    } catch (Throwable t) {
      ts.rollback(mark);
      fail("async completion", t);
    } finally {
      ts.unlock();
      ts.busy = was;
    }
  }

  // ---- API calls from inside tools ---------------------------------------------------------

  @Override
  public void confidence(double c) {
    try {
      ThreadState ts = states.get();
      Frame f = ts == null ? null : ts.top();
      if (f == null) {
        LOG.debug("Tooltrace.confidence(" + c + ") called outside a tracked call; ignored");
        return;
      }
      if (c >= 0.0 && c <= 1.0) {
        f.confidence = c;
        f.flags &= ~RecordFormat.FLAG_CONFIDENCE_REJECTED;
      } else {
        f.confidence = Double.NaN;
        f.flags |= RecordFormat.FLAG_CONFIDENCE_REJECTED;
        String tool = f.tool.name();
        if (reported.putIfAbsent("confidence:" + tool, Boolean.TRUE) == null) {
          LOG.warn(
              "tool '"
                  + tool
                  + "' reported confidence "
                  + c
                  + ", which is not in [0,1];"
                  + " recorded as missing (not clamped); further rejections of this tool are only"
                  + " flagged in its records");
        }
      }
    } catch (Throwable t) {
      fail("confidence", t);
    }
  }

  @Override
  public String currentTraceId() {
    ThreadState ts = states.get();
    Frame f = ts == null ? null : ts.top();
    return f == null ? "" : Hex.of(f.traceHi, f.traceLo);
  }

  @Override
  public String currentSpanId() {
    ThreadState ts = states.get();
    Frame f = ts == null ? null : ts.top();
    return f == null ? "" : Hex.of(f.spanId);
  }

  @Override
  public Object captureContext() {
    try {
      ThreadState ts = states.get();
      if (ts == null) {
        return null;
      }
      Frame f = ts.top();
      if (f != null) {
        return new long[] {f.traceHi, f.traceLo, f.spanId};
      }
      if (ts.hasContext) {
        return new long[] {ts.ctxTraceHi, ts.ctxTraceLo, ts.ctxSpanId};
      }
      return null;
    } catch (Throwable t) {
      fail("captureContext", t);
      return null;
    }
  }

  @Override
  public Object attach(Object context) {
    try {
      ThreadState ts = state();
      long[] c = (long[]) context;
      long[] previous =
          ts.hasContext ? new long[] {ts.ctxTraceHi, ts.ctxTraceLo, ts.ctxSpanId} : new long[0];
      ts.hasContext = true;
      ts.ctxTraceHi = c[0];
      ts.ctxTraceLo = c[1];
      ts.ctxSpanId = c[2];
      return previous;
    } catch (Throwable t) {
      fail("attach", t);
      return null;
    }
  }

  @Override
  public void detach(Object token) {
    try {
      ThreadState ts = state();
      long[] p = (long[]) token;
      if (p.length == 0) {
        ts.hasContext = false;
      } else {
        ts.ctxTraceHi = p[0];
        ts.ctxTraceLo = p[1];
        ts.ctxSpanId = p[2];
      }
    } catch (Throwable t) {
      fail("detach", t);
    }
  }
}
