/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The window's bookkeeping with acknowledgements in any order: the committable head only ever grows
 * over batches that were all accepted, a stale answer (to an attempt given up) changes nothing, and
 * the window holds at most its capacity.
 */
class SendWindowTest {
  /** A channel that keeps each request's callback for the test to answer. */
  static final class Manual extends OtlpChannel {
    final List<Consumer<String>> pending = new ArrayList<>();

    Manual() {
      super("spans", "Manual");
    }

    @Override
    void send(byte[] body, Consumer<String> done) {
      pending.add(done);
    }

    @Override
    void shutdown() {}
  }

  private static Batch batch(SendWindow w, long next) {
    Batch b = new Batch(w.nextSeq());
    b.spans = new byte[] {1};
    b.logsDone = true;
    b.documents = 1;
    b.calls = 3;
    b.nextIndex = next;
    return b;
  }

  /** Feeds every queued outcome to its batch as the pipeline does; returns how many. */
  private static int deliver(SendWindow w) {
    int n = 0;
    for (SendWindow.Outcome o = w.poll(0); o != null; o = w.poll(0)) {
      Batch b = o.batch;
      if (o.attempt == b.attempt && b.outstanding > 0) {
        b.outstanding--;
        if (o.failure == null) {
          b.spansDone = true;
        } else {
          b.failure = o.failure;
        }
        n++;
      }
    }
    return n;
  }

  @Test
  void outOfOrderAcknowledgementsCommitOnlyTheContiguousAcceptedPrefix() {
    Manual ch = new Manual();
    SendWindow w = new SendWindow(ch, null, 4, 1_000_000_000L);
    List<Batch> batches = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      Batch b = batch(w, 100 * i);
      w.add(b);
      w.send(b, System.nanoTime());
      batches.add(b);
    }
    assertTrue(w.isFull());
    assertEquals(4, w.inFlight());

    ch.pending.get(2).accept(null); // the third batch is accepted first
    assertEquals(1, deliver(w));
    assertNull(w.takeAcceptedHead(), "nothing before it is accepted yet");

    ch.pending.get(0).accept(null);
    assertEquals(1, deliver(w));
    assertSame(batches.get(0), w.takeAcceptedHead(), "only the first: the second is pending");
    assertEquals(3, w.size());

    ch.pending.get(3).accept("spans: HTTP 503"); // the fourth fails
    ch.pending.get(1).accept(null);
    assertEquals(2, deliver(w));
    assertSame(batches.get(2), w.takeAcceptedHead(), "second and third, not the failed fourth");
    assertEquals(1, w.size());
    assertFalse(batches.get(3).accepted());

    // A retry of the fourth; the answer to its first attempt arriving late is ignored.
    w.send(batches.get(3), System.nanoTime());
    ch.pending.get(3).accept(null); // stale: attempt 1
    assertEquals(0, deliver(w));
    assertNull(w.takeAcceptedHead());
    ch.pending.get(4).accept(null); // attempt 2
    assertEquals(1, deliver(w));
    assertSame(batches.get(3), w.takeAcceptedHead());
    assertTrue(w.isEmpty());
  }

  @Test
  void aBatchWithSpansAndLogsIsAcceptedOnlyWhenBothAre() {
    Manual spans = new Manual();
    Manual logs = new Manual();
    SendWindow w = new SendWindow(spans, logs, 2, 1_000_000_000L);
    Batch b = new Batch(w.nextSeq());
    b.spans = new byte[] {1};
    b.logs = new byte[] {2};
    b.documents = 1;
    w.add(b);
    w.send(b, System.nanoTime());
    assertEquals(2, b.outstanding);
    spans.pending.get(0).accept(null);
    SendWindow.Outcome o = w.poll(0);
    assertTrue(o.spans);
    b.outstanding--;
    b.spansDone = true;
    assertNull(w.takeAcceptedHead(), "logs still pending");
    logs.pending.get(0).accept(null);
    o = w.poll(0);
    assertFalse(o.spans);
    b.outstanding--;
    b.logsDone = true;
    assertSame(b, w.takeAcceptedHead());
  }
}
