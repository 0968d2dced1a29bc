/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.analysis.Recording;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.ChainLink;
import dev.tooltrace.record.CorruptRecordException;
import dev.tooltrace.record.QueueFiles;
import dev.tooltrace.record.QueueReader;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunEndRecord;
import dev.tooltrace.record.RunRecord;
import dev.tooltrace.record.SampleRecord;
import dev.tooltrace.record.SealRecord;
import dev.tooltrace.record.UnsupportedVersionException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a whole queue into a {@link Recording}. A document that cannot be decoded is reported as
 * one line on stderr naming the queue file and index, and reading goes on: one bad record must not
 * hide the rest. Documents of a record format version this tooltrace does not read (a newer agent
 * wrote them) are reported in one line per version and skipped. Only when nothing at all could be
 * read does loading fail.
 */
public final class QueueLoader {
  private QueueLoader() {}

  /**
   * Loads {@code dir}. Throws {@link QueueFiles.NotAQueueException} when it is not a queue and
   * {@link CliException} when every document in it was unreadable.
   */
  public static Recording load(Path dir, PrintWriter err) {
    Recording rec = new Recording();
    stream(
        dir,
        err,
        new RecordVisitor() {
          @Override
          public void onRun(RunRecord run) {
            rec.addRun(run);
          }

          @Override
          public void onCall(CallRecord call) {
            rec.addCall(call);
          }

          @Override
          public void onRunEnd(RunEndRecord end) {
            rec.addRunEnd(end);
          }

          @Override
          public void onChainLink(long queueIndex, String runId, ChainLink link) {
            rec.addChainLink(queueIndex, runId, link);
          }
        });
    return rec;
  }

  /**
   * Reads {@code dir} document by document into {@code visitor} without keeping anything, for
   * commands that aggregate (a queue may hold far more records than the heap). Unreadable documents
   * are reported on {@code err} as in {@link #load}; throws {@link CliException} when the queue
   * held documents and none was readable.
   */
  public static void stream(Path dir, PrintWriter err, RecordVisitor visitor) {
    QueueFiles.requireQueue(dir);
    long[] corrupt = {0};
    long[] readable = {0};
    long docs;
    long unsupported;
    try (QueueReader reader = QueueReader.open(dir)) {
      docs =
          reader.readAll(
              new RecordVisitor() {
                @Override
                public void onRun(RunRecord run) {
                  readable[0]++;
                  visitor.onRun(run);
                }

                @Override
                public void onCall(CallRecord call) {
                  readable[0]++;
                  visitor.onCall(call);
                }

                @Override
                public void onRunEnd(RunEndRecord end) {
                  readable[0]++;
                  visitor.onRunEnd(end);
                }

                @Override
                public void onSample(SampleRecord sample) {
                  readable[0]++;
                  visitor.onSample(sample);
                }

                @Override
                public void onSeal(SealRecord seal) {
                  readable[0]++;
                  visitor.onSeal(seal);
                }

                @Override
                public void onChainLink(long queueIndex, String runId, ChainLink link) {
                  visitor.onChainLink(queueIndex, runId, link);
                }

                @Override
                public void onCorrupt(long index, String file, CorruptRecordException e) {
                  corrupt[0]++;
                  err.println(skipped(dir, index, file, e.getMessage()));
                }

                @Override
                public void onUnsupportedVersion(
                    long index, String file, UnsupportedVersionException e) {
                  err.println(
                      skipped(dir, index, file, e.getMessage())
                          + "; further documents of that version are skipped too");
                }
              });
      unsupported = reader.unsupportedDocuments();
    }
    err.flush();
    long unreadable = corrupt[0] + unsupported;
    if (unreadable > 0 && unreadable >= docs && readable[0] == 0) {
      throw new CliException(
          ExitCodes.NO_DATA, "no readable document in " + dir + " (" + unreadable + " unreadable)");
    }
  }

  private static String skipped(Path dir, long index, String cycle, String why) {
    return "tooltrace: skipped unreadable document at index 0x"
        + Long.toHexString(index)
        + " in "
        + fileName(dir, cycle)
        + ": "
        + why;
  }

  /**
   * The data file of a roll cycle. The reader knows only the cycle number; when the directory holds
   * a single data file that is the one, otherwise the cycle is named.
   */
  static String fileName(Path dir, String cycle) {
    List<Path> files = QueueFiles.dataFiles(dir);
    if (files.size() == 1) {
      return "queue file " + files.get(0);
    }
    return "queue " + dir + " (cycle " + cycle + ")";
  }
}
