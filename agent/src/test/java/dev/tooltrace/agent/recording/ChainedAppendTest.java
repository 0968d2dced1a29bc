/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.record.AuditReport;
import dev.tooltrace.record.Buf;
import dev.tooltrace.record.ChainAuditor;
import dev.tooltrace.record.Encoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain as the agent writes it: application threads appending concurrently, each through its
 * own appender, the agent's own documents in between, and a second writer on the same directory
 * (what a second JVM is to Chronicle: another queue instance sharing the files and the write lock).
 */
class ChainedAppendTest {
  @TempDir Path dir;

  private static Buf sample(long thread, long i) {
    Buf b = new Buf(96);
    Encoder.sample(b, thread, i, i, new String[] {"i"}, new double[] {i});
    return b;
  }

  private static Thread appender(QueueWriter w, int id, int docs, CountDownLatch go) {
    Thread t =
        new Thread(
            () -> {
              ThreadState ts = new ThreadState(Thread.currentThread(), 1, id);
              try {
                go.await();
              } catch (InterruptedException e) {
                return;
              }
              for (int i = 0; i < docs; i++) {
                assertTrue(w.append(ts, sample(id, i), 1));
              }
            },
            "app-" + id);
    t.start();
    return t;
  }

  @Test
  void threadsAndASecondWriterAppendingTogetherLeaveOneIntactChain() throws Exception {
    Path q = dir.resolve("q");
    QueueWriter first = new QueueWriter(q, "FAST_HOURLY", 0, 0);
    QueueWriter second = new QueueWriter(q, "FAST_HOURLY", 0, 0);
    assertTrue(first.open() && second.open());
    first.check();
    second.check();
    first.ready();
    second.ready();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int id = 1; id <= 3; id++) {
      threads.add(appender(first, id, 400, go));
    }
    threads.add(appender(second, 4, 400, go));
    go.countDown();
    for (int i = 0; i < 50; i++) {
      first.appendFromAgent(sample(99, i));
    }
    for (Thread t : threads) {
      t.join();
    }
    first.close();
    second.close();

    AuditReport r = ChainAuditor.audit(q, null);
    assertEquals(List.of(), r.breaks());
    assertEquals(4 * 400 + 50, r.documents());
    assertEquals(4 * 400 + 50 - 1, r.headSeq());
  }
}
