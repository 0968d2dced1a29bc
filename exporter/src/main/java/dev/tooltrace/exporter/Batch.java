/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

/**
 * Whole queue documents read in one go, encoded as one OTLP traces request and one logs request,
 * kept until the backend accepted both: a failed batch is sent again as is (never re-read), and the
 * position after its last document is committed once it and every batch before it are accepted
 * ({@link SendWindow}). Spans and logs are acknowledged separately so a retry does not resend the
 * part that already went through.
 *
 * <p>Fields are the exporting thread's; senders report outcomes through {@link SendWindow}.
 */
final class Batch {
  /** Reading order: batches are committed in this order. */
  final long seq;

  /** The encoded requests; null when the batch has nothing of that signal (or it is off). */
  byte[] spans;

  byte[] logs;

  int documents;
  int calls;

  /** The index of the batch's first document and the index after its last one. */
  long startIndex;

  long nextIndex;

  /** End time of the oldest call in the batch (0 when it holds none), for the lag gauge. */
  long oldestEndNanos;

  boolean spansDone;
  boolean logsDone;

  /** The current attempt (1 for the first send); outcomes of older attempts are ignored. */
  int attempt;

  /** Parts of the current attempt not answered yet. */
  int outstanding;

  /** When the current attempt was sent and when it is given up without an answer. */
  long sentAtNanos;

  long deadlineNanos;

  /** The failure of the last attempt, null when none failed (or it has not been answered). */
  String failure;

  /** When a failed batch may be sent again. */
  long retryAtNanos;

  Batch(long seq) {
    this.seq = seq;
  }

  boolean isEmpty() {
    return documents == 0;
  }

  boolean accepted() {
    return spansDone && logsDone;
  }

  boolean inFlight() {
    return outstanding > 0;
  }

  /** Encoded bytes held (memory the window keeps). */
  long bytes() {
    return (spans == null ? 0 : spans.length) + (logs == null ? 0 : logs.length);
  }
}
