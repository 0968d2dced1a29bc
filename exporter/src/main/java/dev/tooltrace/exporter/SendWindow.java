/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The batches read but not yet committed, in reading order, with their requests in flight: at most
 * {@code capacity} of them, so at most that many batches are held in memory and, after a crash,
 * sent twice. Senders answer on their own threads; their outcomes queue here and the exporting
 * thread takes them ({@link #poll}), so every batch field is only ever touched by that thread.
 *
 * <p>Acknowledgements may come in any order; the committed position only advances over the
 * contiguous run of accepted batches at the head ({@link #takeAcceptedHead}), so a restart resumes
 * at the first batch not known to be accepted and never skips one.
 */
final class SendWindow {
  /** One answer from a sender: which batch, which attempt, which part, null or the failure. */
  static final class Outcome {
    final Batch batch;
    final int attempt;
    final boolean spans;
    final String failure;

    Outcome(Batch batch, int attempt, boolean spans, String failure) {
      this.batch = batch;
      this.attempt = attempt;
      this.spans = spans;
      this.failure = failure;
    }
  }

  private final ArrayDeque<Batch> batches = new ArrayDeque<>();
  private final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
  private final OtlpChannel spans;
  private final OtlpChannel logs;
  private final int capacity;
  private final long timeoutNanos;
  private long seq;

  /**
   * @param timeoutNanos how long an attempt may go unanswered before it counts as failed (a
   *     backstop behind the sender's own timeout)
   */
  SendWindow(OtlpChannel spans, OtlpChannel logs, int capacity, long timeoutNanos) {
    this.spans = spans;
    this.logs = logs;
    this.capacity = capacity;
    this.timeoutNanos = timeoutNanos;
  }

  long nextSeq() {
    return seq++;
  }

  boolean isFull() {
    return batches.size() >= capacity;
  }

  boolean isEmpty() {
    return batches.isEmpty();
  }

  int size() {
    return batches.size();
  }

  int capacity() {
    return capacity;
  }

  Iterable<Batch> batches() {
    return batches;
  }

  /** Takes a new batch into the window (the caller sends it). */
  void add(Batch b) {
    batches.addLast(b);
  }

  /** Sends the parts of {@code b} not yet accepted, as a new attempt. */
  void send(Batch b, long nowNanos) {
    int attempt = ++b.attempt;
    b.failure = null;
    b.sentAtNanos = nowNanos;
    b.deadlineNanos = nowNanos + timeoutNanos;
    boolean sendSpans = !b.spansDone;
    boolean sendLogs = !b.logsDone;
    b.outstanding = (sendSpans ? 1 : 0) + (sendLogs ? 1 : 0);
    if (sendSpans) {
      spans.send(b.spans, f -> outcomes.add(new Outcome(b, attempt, true, f)));
    }
    if (sendLogs) {
      logs.send(b.logs, f -> outcomes.add(new Outcome(b, attempt, false, f)));
    }
  }

  /** The next outcome, waiting up to {@code waitNanos}; null when none came. */
  Outcome poll(long waitNanos) {
    if (waitNanos <= 0) {
      return outcomes.poll();
    }
    try {
      return outcomes.poll(waitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Attempts currently waiting for an answer. */
  int inFlight() {
    int n = 0;
    for (Batch b : batches) {
      if (b.inFlight()) {
        n++;
      }
    }
    return n;
  }

  /** Removes the accepted batches at the head; returns the last one removed, or null. */
  Batch takeAcceptedHead() {
    Batch last = null;
    while (!batches.isEmpty() && batches.peekFirst().accepted()) {
      last = batches.pollFirst();
    }
    return last;
  }

  /** End time of the oldest call not yet accepted, 0 when none. */
  long oldestPendingEndNanos() {
    long oldest = 0;
    for (Iterator<Batch> it = batches.iterator(); it.hasNext(); ) {
      Batch b = it.next();
      if (!b.accepted() && b.oldestEndNanos != 0 && (oldest == 0 || b.oldestEndNanos < oldest)) {
        oldest = b.oldestEndNanos;
      }
    }
    return oldest;
  }

  /** Ends a wait in {@link #poll} early (the pipeline is asked to stop). */
  void wake() {
    outcomes.add(new Outcome(null, 0, false, null));
  }

  /** Drops every batch (a crash, or a pipeline that gives up): nothing is committed for them. */
  void clear() {
    batches.clear();
    outcomes.clear();
  }
}
