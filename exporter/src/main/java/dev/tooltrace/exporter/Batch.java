/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole queue documents read in one go, mapped to spans and logs, kept until the backend accepted
 * them: a failed batch is retried as is (never re-read), and the position after its last document
 * is committed only then. Spans and logs are acknowledged separately so a retry does not resend the
 * part that already went through.
 */
final class Batch {
  final List<SpanData> spans = new ArrayList<>();
  final List<LogRecordData> logs = new ArrayList<>();
  int documents;
  int calls;

  /** The index after the last document of the batch: what to commit once exported. */
  long nextIndex;

  /** End time of the oldest call in the batch (0 when it holds none), for the lag gauge. */
  long oldestEndNanos;

  boolean spansDone;
  boolean logsDone;

  boolean isEmpty() {
    return documents == 0;
  }
}
