/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.report;

import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.CorruptRecordException;
import dev.tooltrace.record.QueueFiles;
import dev.tooltrace.record.QueueReader;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunEndRecord;
import dev.tooltrace.record.RunRecord;
import dev.tooltrace.record.SampleRecord;
import dev.tooltrace.record.UnsupportedVersionException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The report's records read straight from a queue directory. This is the only class of the report
 * that knows how records are read: when the reader API or a query index changes, only this changes.
 *
 * <p>An unreadable document is reported once (on the first read) as one line on {@code err} and
 * skipped: one bad record must not hide the rest of the run. A queue being written while it is read
 * is fine: each read goes to the queue's end as it is at that moment.
 */
public final class QueueSource implements ReportSource {
  private final Path dir;
  private final PrintWriter err;
  private int reads;
  private long unreadable;

  /** Throws {@link QueueFiles.NotAQueueException} when {@code dir} is not a tooltrace queue. */
  public QueueSource(Path dir, PrintWriter err) {
    QueueFiles.requireQueue(dir);
    this.dir = dir;
    this.err = err;
  }

  @Override
  public void read(RecordVisitor visitor) {
    boolean first = reads++ == 0;
    try (QueueReader reader = QueueReader.open(dir)) {
      readAll(reader, visitor, first);
      if (first) {
        unreadable += reader.unsupportedDocuments();
      }
    }
    err.flush();
  }

  private void readAll(QueueReader reader, RecordVisitor visitor, boolean first) {
    reader.readAll(
        new RecordVisitor() {
          @Override
          public void onRun(RunRecord run) {
            visitor.onRun(run);
          }

          @Override
          public void onCall(CallRecord call) {
            visitor.onCall(call);
          }

          @Override
          public void onSample(SampleRecord sample) {
            visitor.onSample(sample);
          }

          @Override
          public void onRunEnd(RunEndRecord end) {
            visitor.onRunEnd(end);
          }

          @Override
          public void onCorrupt(long index, String file, CorruptRecordException e) {
            if (first) {
              unreadable++;
              report(index, file, e);
            }
          }

          @Override
          public void onUnsupportedVersion(long index, String file, UnsupportedVersionException e) {
            // Counted by the reader, every such document (see read).
            if (first) {
              report(index, file, e);
            }
          }
        });
  }

  private void report(long index, String file, CorruptRecordException e) {
    err.println(
        "tooltrace: skipped unreadable document at index 0x"
            + Long.toHexString(index)
            + " (cycle "
            + file
            + "): "
            + e.getMessage());
  }

  @Override
  public long unreadable() {
    return unreadable;
  }

  @Override
  public String describe() {
    return dir.toString();
  }
}
