/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.report;

import dev.tooltrace.record.RecordVisitor;

/**
 * Where the report's records come from. The builder reads the source a few times (an index pass, an
 * aggregating pass, a detail pass) and keeps only aggregates, so any source that can replay its
 * records in append order will do: today the queue itself ({@link QueueSource}); a persistent index
 * (issue 14) can implement this and answer the same visitors faster.
 */
public interface ReportSource {
  /**
   * Replays every record, in the order it was appended, into {@code visitor}. Unreadable records
   * are skipped and counted (see {@link #unreadable()}), never passed on.
   */
  void read(RecordVisitor visitor);

  /** Records that could not be read during the first {@link #read}. */
  long unreadable();

  /** What the records are read from, for the report's header (a directory path). */
  String describe();
}
