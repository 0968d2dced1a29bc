/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.record.Buf;
import dev.tooltrace.record.Encoder;
import dev.tooltrace.record.QueueReader;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunEndRecord;
import dev.tooltrace.record.RunRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appends, drops and the per-thread lock (taken by the recorder around a call's exit, see {@link
 * ThreadState#lock}), against a real queue in a temporary directory.
 */
class QueueWriterTest {
  @TempDir Path dir;
  private QueueWriter writer;

  private QueueWriter open(long maxBytes) {
    writer = new QueueWriter(dir.resolve("q"), "FAST_HOURLY", maxBytes, 0);
    assertTrue(writer.open());
    writer.check();
    writer.ready();
    return writer;
  }

  @AfterEach
  void close() {
    if (writer != null) {
      writer.close();
    }
  }

  private static Buf run(long lo) {
    Buf b = new Buf(64);
    Encoder.run(b, 1, lo, 1000, 42, "{}");
    return b;
  }

  private List<String> runsInQueue() {
    writer.close();
    List<String> out = new ArrayList<>();
    try (QueueReader r = QueueReader.open(dir.resolve("q"))) {
      r.readAll(
          new RecordVisitor() {
            @Override
            public void onRun(RunRecord run) {
              out.add(run.runId().substring(16));
            }

            @Override
            public void onRunEnd(RunEndRecord end) {
              out.add("end");
            }
          });
    }
    return out;
  }

  @Test
  void appendsOneDocumentPerCallAndCountsTheRecordsItHolds() {
    open(0);
    ThreadState ts = new ThreadState(Thread.currentThread(), 1, 2);
    assertTrue(writer.accepting(), writer.problem());
    assertTrue(writer.append(ts, run(1), 3));
    assertTrue(writer.append(ts, run(2), 4));
    assertEquals(7, writer.written());
    assertEquals(0, writer.dropped());
    assertNotNull(ts.appender, "the thread keeps its appender");
    assertEquals(List.of("0000000000000001", "0000000000000002"), runsInQueue());
  }

  @Test
  void whileTheQueueIsNotAcceptingDocumentsAreDroppedAndCounted() {
    writer = new QueueWriter(dir.resolve("q"), "FAST_HOURLY", 1024, 0);
    ThreadState ts = new ThreadState(Thread.currentThread(), 1, 2);
    writer.ready(); // start-up gave up opening it
    assertFalse(writer.append(ts, run(1), 5), "not opened");
    assertEquals(5, writer.dropped());

    assertTrue(writer.open());
    writer.check();
    assertTrue(writer.accepting(), writer.problem());
    assertTrue(writer.append(ts, run(2), 1));
    writer.check(); // the cycle file now exceeds the 1 KiB budget
    assertFalse(writer.accepting());
    assertTrue(writer.problem().contains("disk.max.bytes=1024"), writer.problem());
    assertFalse(writer.append(ts, run(3), 2));
    assertFalse(writer.appendFromAgent(run(4)));
    assertEquals(5 + 2 + 1, writer.dropped());
    assertTrue(writer.appendFinal(run(5)), "the run's last document is written over budget");
    assertEquals(List.of("0000000000000002", "0000000000000005"), runsInQueue());
  }

  @Test
  void beforeTheQueueIsReadyAnAppendWaitsForIt() throws Exception {
    writer = new QueueWriter(dir.resolve("q"), "FAST_HOURLY", 0, 0);
    ThreadState ts = new ThreadState(Thread.currentThread(), 1, 2);
    assertTrue(writer.accepting(), "records are kept while the queue is being opened");
    AtomicBoolean appended = new AtomicBoolean();
    Thread app = new Thread(() -> appended.set(writer.append(ts, run(1), 1)));
    app.start();
    app.join(300);
    assertTrue(app.isAlive(), "the append waits for the queue");
    assertTrue(writer.open());
    writer.check();
    writer.ready();
    app.join(10_000);
    assertFalse(app.isAlive());
    assertTrue(appended.get());
    assertEquals(1, writer.written());
  }

  @Test
  void anExitWaitsWhileTheHousekeeperHoldsTheThreadsLock() throws Exception {
    open(0);
    ThreadState ts = new ThreadState(Thread.currentThread(), 1, 2);
    ts.lock.set(2); // the housekeeper is appending this thread's batch or closing its appender
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean appended = new AtomicBoolean();
    Thread app =
        new Thread(
            () -> {
              started.countDown();
              ts.lock();
              try {
                appended.set(writer.append(ts, run(1), 1));
              } finally {
                ts.unlock();
              }
            });
    app.start();
    assertTrue(started.await(10, TimeUnit.SECONDS));
    app.join(300);
    assertTrue(app.isAlive(), "the append waits for the housekeeper");
    assertEquals(0, writer.written());
    ts.lock.set(0); // released
    app.join(10_000);
    assertFalse(app.isAlive());
    assertTrue(appended.get());
    assertEquals(0, ts.lock.get(), "the lock is free again");
  }

  @Test
  void aLockItsOwnerLeftSetIsTakenOverNotWaitedFor() {
    open(0);
    ThreadState ts = new ThreadState(Thread.currentThread(), 1, 2);
    ts.lock.set(1); // an exit of this thread ran out of stack before resetting it
    ts.lock();
    assertTrue(writer.append(ts, run(1), 1));
    ts.unlock();
    assertEquals(0, ts.lock.get());
    assertEquals(1, writer.written());
  }

  @Test
  void theAppenderOfAnEndedThreadIsReleased() throws Exception {
    open(0);
    ThreadState[] state = new ThreadState[1];
    Thread app =
        new Thread(
            () -> {
              state[0] = new ThreadState(Thread.currentThread(), 1, 2);
              writer.append(state[0], run(1), 1);
            });
    app.start();
    app.join();
    assertNotNull(state[0].appender);
    writer.releaseIdleAppenders();
    assertNull(state[0].appender);
    assertEquals(0, state[0].lock.get());
  }

  @Test
  void anInterruptedThreadAppendsAndKeepsItsInterrupt() {
    open(0);
    ThreadState ts = new ThreadState(Thread.currentThread(), 1, 2);
    Thread.currentThread().interrupt();
    try {
      assertTrue(writer.append(ts, run(1), 1));
      assertTrue(Thread.currentThread().isInterrupted(), "the application's interrupt is kept");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void agentDocumentsUseShortLivedAppenders() {
    open(0);
    assertTrue(writer.appendFromAgent(run(7)));
    Buf end = new Buf(64);
    Encoder.runEnd(end, 1, 7, 2000, "{}");
    assertTrue(writer.appendFinal(end));
    assertEquals(List.of("0000000000000007", "end"), runsInQueue());
  }
}
