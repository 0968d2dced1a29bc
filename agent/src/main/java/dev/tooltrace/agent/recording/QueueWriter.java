/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import dev.tooltrace.agent.log.AgentLog;
import dev.tooltrace.record.Buf;
import dev.tooltrace.record.ChainAppender;
import dev.tooltrace.record.ChainPoint;
import dev.tooltrace.record.QueueFiles;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import net.openhft.chronicle.core.io.SingleThreadedChecked;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Appends documents to the Chronicle queue, one appender per writer thread (Chronicle appenders are
 * not thread-safe). When the queue cannot be written — the directory is unwritable, the disk is
 * nearly full, the size budget is spent — documents are dropped and counted instead of blocking or
 * failing the application, and the state change is logged once. {@link #check()} (called by the
 * housekeeper every second) re-evaluates the state and reopens the queue when the problem goes
 * away.
 *
 * <p>The queue is opened off the premain thread (opening Chronicle takes a good part of a second):
 * until the agent calls {@link #ready()} — after the run's RUN document, so that it comes first —
 * the writer counts as accepting, and an application thread whose batch needs appending waits for
 * it, at most {@link #OPEN_WAIT_SECONDS}.
 *
 * <p>Every document is linked into the queue's hash chain on its way in, by the record contract's
 * {@link ChainAppender}: its digest is taken just before Chronicle's write lock, its link inside it
 * (where the order among threads and JVMs is decided). That is the only chain code here.
 */
public final class QueueWriter implements AutoCloseable {
  private static final AgentLog.Component LOG = AgentLog.of("queue");

  private final Path dir;
  private final String rollCycle;
  private final long maxBytes;
  private final long minFree;
  private final boolean chained;
  private volatile SingleChronicleQueue queue;

  /** The chain of {@link #queue}; set before it. */
  private volatile ChainAppender chain;

  /** Chain working memory of the agent's own appends (guarded by this writer's monitor). */
  private final ChainAppender.Scratch agentScratch = new ChainAppender.Scratch();

  private ChainPoint lastAgentPoint;

  /** Whether appends are accepted: the queue is open and within its disk limits. */
  private volatile boolean accepting;

  private volatile String problem = "not opened yet";

  /** How long an append waits for the queue to be opened before its records are dropped. */
  static final long OPEN_WAIT_SECONDS = 30;

  /** Released by {@link #ready()}; until then records are kept and appends wait. */
  private final CountDownLatch opened = new CountDownLatch(1);

  private volatile boolean opening = true;
  private final LongAdder written = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder writtenBytes = new LongAdder();

  /** Threads holding an appender ({@link #releaseIdleAppenders}). */
  private final Set<ThreadState> appendingThreads = ConcurrentHashMap.newKeySet();

  private volatile long queueBytes;
  private volatile long freeBytes = -1;
  private volatile boolean stackOverflowReported;
  private volatile boolean outOfMemoryReported;

  public QueueWriter(Path dir, String rollCycle, long maxBytes, long minFree) {
    this(dir, rollCycle, maxBytes, minFree, true);
  }

  /**
   * @param chained {@code audit.chain}: link every document into the queue's hash chain (false
   *     appends them unchained: no tamper evidence, no chain cost)
   */
  public QueueWriter(Path dir, String rollCycle, long maxBytes, long minFree, boolean chained) {
    this.chained = chained;
    this.dir = dir.toAbsolutePath().normalize();
    this.rollCycle = rollCycle;
    this.maxBytes = maxBytes;
    this.minFree = minFree;
  }

  public Path dir() {
    return dir;
  }

  /** Opens the queue (owner-only directory); on failure records the problem and returns false. */
  public synchronized boolean open() {
    if (queue != null) {
      return true;
    }
    try {
      if (!Files.exists(dir)) {
        Files.createDirectories(dir);
        try {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
          // Windows: ACLs of the parent apply.
        }
      }
      if (!Files.isWritable(dir)) {
        throw new IOException("directory is not writable");
      }
      SingleChronicleQueue q = QueueFiles.openForWriting(dir, rollCycle);
      chain = chained ? new ChainAppender(q) : null;
      queue = q;
      return true;
    } catch (Throwable t) {
      setProblem("cannot open the queue in " + dir + ": " + t.getMessage());
      return false;
    }
  }

  /**
   * Ends the opening phase: from now on appends no longer wait, and {@link #accepting} tells the
   * truth. Called once the queue was opened (or could not be) and the run's RUN document written.
   */
  public void ready() {
    opening = false;
    opened.countDown();
  }

  /** Waits until {@link #ready()} (at most {@code timeoutMillis}); true when it was called. */
  public boolean awaitReady(long timeoutMillis) {
    try {
      return opened.await(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Appends one document built by the calling thread, which holds {@code ts.lock}; returns false
   * (and counts {@code records} as dropped) when the queue is not accepting.
   */
  boolean append(ThreadState ts, Buf doc, int records) {
    // Chronicle gives up waiting for its write lock on an interrupted thread; the interrupt is the
    // application's (a cancelled task, say): append without it and hand it back untouched.
    boolean interrupted = Thread.interrupted();
    if (opening) {
      awaitReady(OPEN_WAIT_SECONDS * 1000);
    }
    SingleChronicleQueue q = queue;
    if (!accepting || q == null) {
      dropped.add(records);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
    ChainAppender c = chain;
    try {
      ChainAppender.Scratch s = ts.chainScratch;
      if (s == null) {
        ts.chainScratch = s = new ChainAppender.Scratch();
      }
      if (c != null) {
        c.digest(s, doc.array(), doc.length());
      }
      ExcerptAppender a = ts.appender;
      if (a == null || ts.appenderQueue != q) {
        a = q.createAppender();
        ts.appender = a;
        ts.appenderQueue = q;
        appendingThreads.add(ts);
      }
      try (DocumentContext dc = a.writingDocument()) {
        if (c != null) {
          c.write(dc, s, doc.array(), doc.length());
        } else {
          dc.wire().bytes().write(doc.array(), 0, doc.length());
        }
      }
      ts.appenderCycle = a.cycle();
      written.add(records);
      writtenBytes.add(doc.length());
      return true;
    } catch (StackOverflowError | OutOfMemoryError e) {
      // This thread's moment (a deep recursion, a full heap), not the queue's: drop this
      // document only. Turning the queue off would drop every thread's records until the next
      // check.
      dropped.add(records);
      ts.appender = null;
      forget(c);
      threadFailure(e, records);
      return false;
    } catch (Throwable t) {
      dropped.add(records);
      ts.appender = null;
      forget(c);
      setProblem("cannot append to the queue in " + dir + ": " + t);
      return false;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Appends the batch of another (idle or ended) thread, for the housekeeper, which holds that
   * thread's lock: through a short-lived appender of its own, like {@link #appendFromAgent}.
   */
  synchronized boolean appendFromHousekeeper(Buf doc, int records) {
    SingleChronicleQueue q = queue;
    if (!accepting || q == null) {
      dropped.add(records);
      return false;
    }
    if (appendShortLived(q, doc)) {
      written.add(records);
      return true;
    }
    dropped.add(records - 1); // appendShortLived counted one
    return false;
  }

  /**
   * Closes the appenders of threads that last appended in an earlier queue cycle (they are idle: a
   * pool thread waiting for work, say) or that have ended. Each appender keeps the cycle file of
   * its last append mapped; without this, a file retention deletes would not give its disk space
   * back while such a thread lives. Called by the housekeeper every second; a thread that appends
   * again gets a new appender.
   */
  void releaseIdleAppenders() {
    SingleChronicleQueue q = queue;
    if (q == null || appendingThreads.isEmpty()) {
      return;
    }
    int current;
    try {
      current = q.cycle();
    } catch (RuntimeException e) {
      return;
    }
    for (ThreadState ts : appendingThreads) {
      boolean dead = !ts.thread.isAlive();
      if ((dead || ts.appenderCycle < current) && ts.tryLockForHousekeeper(dead)) {
        try {
          ExcerptAppender a = ts.appender;
          ts.appender = null;
          appendingThreads.remove(ts);
          if (a != null) {
            if (a instanceof SingleThreadedChecked) {
              ((SingleThreadedChecked) a).singleThreadedCheckReset();
            }
            a.close();
          }
        } catch (Throwable t) {
          LOG.debug("releasing an idle appender failed: " + t);
        } finally {
          ts.unlockForHousekeeper();
        }
      }
    }
  }

  private void threadFailure(VirtualMachineError e, int records) {
    try {
      boolean first =
          e instanceof StackOverflowError ? !stackOverflowReported : !outOfMemoryReported;
      if (e instanceof StackOverflowError) {
        stackOverflowReported = true;
      } else {
        outOfMemoryReported = true;
      }
      if (first) {
        LOG.warn(
            "dropped "
                + records
                + " records of thread '"
                + Thread.currentThread().getName()
                + "': it ran into "
                + e.getClass().getName()
                + " while appending them; the queue"
                + " stays open; further drops of this kind are only counted");
      }
    } catch (Throwable again) {
      // Still out of stack or heap: the drop is counted, the line can wait for the next one.
    }
  }

  /**
   * Appends a document from a background thread (run snapshot, samples): synchronized. Agent
   * documents are rare, so each gets an appender of its own, closed right after: a thread-local
   * appender of an agent thread that writes every few seconds or only once would keep the queue
   * file of its last write mapped, and a file retention deletes would not give its disk space back.
   */
  public synchronized boolean appendFromAgent(Buf doc) {
    SingleChronicleQueue q = queue;
    if (!accepting || q == null) {
      dropped.increment();
      return false;
    }
    return appendShortLived(q, doc);
  }

  /**
   * Appends the run's last document (RUN_END, a few hundred bytes with the final counters) even
   * when the size budget or {@code disk.min.free} makes the queue drop records: it is the queue's
   * only record of how many were dropped. Fails (counted) only when the queue cannot be written.
   */
  public synchronized boolean appendFinal(Buf doc) {
    SingleChronicleQueue q = queue;
    if (q == null) {
      dropped.increment();
      return false;
    }
    return appendShortLived(q, doc);
  }

  /**
   * One agent document through an appender of its own, closed right after (callers hold the lock).
   */
  private boolean appendShortLived(SingleChronicleQueue q, Buf doc) {
    ChainAppender c = chain;
    lastAgentPoint = null;
    if (c != null) {
      c.digest(agentScratch, doc.array(), doc.length());
    }
    try (ExcerptAppender a = q.createAppender();
        DocumentContext dc = a.writingDocument()) {
      if (c != null) {
        c.write(dc, agentScratch, doc.array(), doc.length());
        lastAgentPoint = agentScratch.point();
      } else {
        dc.wire().bytes().write(doc.array(), 0, doc.length());
      }
      writtenBytes.add(doc.length());
      return true;
    } catch (Throwable t) {
      forget(c);
      lastAgentPoint = null;
      dropped.increment();
      setProblem("cannot append to the queue in " + dir + ": " + t);
      return false;
    }
  }

  private static void forget(ChainAppender c) {
    if (c != null) {
      c.forget();
    }
  }

  /**
   * {@link #appendFromAgent}, returning where the document sits in the chain (null: not appended):
   * for documents a seal names (the RUN).
   */
  public synchronized ChainPoint appendFromAgentAt(Buf doc) {
    return appendFromAgent(doc) ? lastAgentPoint : null;
  }

  /** {@link #appendFinal}, returning where the document sits in the chain (null: not appended). */
  public synchronized ChainPoint appendFinalAt(Buf doc) {
    return appendFinal(doc) ? lastAgentPoint : null;
  }

  /**
   * The next cycle this writer rolled the queue away from (its file is complete), or -1: for the
   * seal of that file.
   */
  public int takeRolledCycle() {
    ChainAppender c = chain;
    return c == null ? -1 : c.takeRolledCycle();
  }

  /** Re-evaluates writability, free space and the budget; logs once per state change. */
  public void check() {
    try {
      if (queue == null && !open()) {
        return;
      }
      releaseIdleAppenders();
      long size = 0;
      for (Path p : QueueFiles.dataFiles(dir)) {
        try {
          size += Files.size(p);
        } catch (IOException gone) {
          // Rolled away by retention between listing and stat.
        }
      }
      queueBytes = size;
      FileStore store = Files.getFileStore(dir);
      freeBytes = store.getUsableSpace();
      if (!Files.isWritable(dir)) {
        setProblem("queue directory " + dir + " is not writable");
      } else if (minFree > 0 && freeBytes < minFree) {
        setProblem(
            "only "
                + freeBytes
                + " bytes free on the queue's file system (disk.min.free is "
                + minFree
                + ")");
      } else if (maxBytes > 0 && size >= maxBytes) {
        setProblem("queue size " + size + " bytes reached its budget disk.max.bytes=" + maxBytes);
      } else {
        clearProblem();
      }
    } catch (Throwable t) {
      setProblem("cannot check the queue directory " + dir + ": " + t);
    }
  }

  private synchronized void setProblem(String p) {
    boolean wasAccepting = accepting;
    accepting = false;
    if (wasAccepting || !p.equals(problem)) {
      LOG.warn(p + "; records are dropped and counted until this is resolved");
    }
    problem = p;
  }

  private synchronized void clearProblem() {
    if (!accepting) {
      accepting = true;
      if (!"not opened yet".equals(problem)) {
        LOG.info(
            "queue in "
                + dir
                + " is writable again ("
                + dropped.sum()
                + " records dropped so far)");
      }
      problem = null;
    }
  }

  /** Whether records are kept: the queue accepts them, or is still being opened. */
  public boolean accepting() {
    return accepting || opening;
  }

  /** The current problem, or null when the queue accepts records. */
  public String problem() {
    return problem;
  }

  public long written() {
    return written.sum();
  }

  public long dropped() {
    return dropped.sum();
  }

  void countDropped(int n) {
    dropped.add(n);
  }

  public long queueBytes() {
    return queueBytes;
  }

  public long freeBytes() {
    return freeBytes;
  }

  /** The index of the last document in the queue, or 0 when it is not open or empty. */
  public long lastIndex() {
    try {
      SingleChronicleQueue q = queue;
      return q == null ? 0 : Math.max(0, q.lastIndex());
    } catch (RuntimeException e) {
      return 0;
    }
  }

  public SingleChronicleQueue queue() {
    return queue;
  }

  @Override
  public synchronized void close() {
    accepting = false;
    SingleChronicleQueue q = queue;
    queue = null;
    if (q != null) {
      q.close();
    }
  }
}
