/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.analysis.Recording;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.CorruptRecordException;
import dev.tooltrace.record.QueueFiles;
import dev.tooltrace.record.QueueReader;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunEndRecord;
import dev.tooltrace.record.RunRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a whole queue into a {@link Recording}. A document that cannot be decoded is reported as
 * one line on stderr naming the queue file and index, and reading goes on: one bad record must not
 * hide the rest. Only when nothing at all could be read does loading fail.
 */
public final class QueueLoader {
  private QueueLoader() {}

  /**
   * Loads {@code dir}. Throws {@link QueueFiles.NotAQueueException} when it is not a queue and
   * {@link CliException} when every document in it was unreadable.
   */
  public static Recording load(Path dir, PrintWriter err) {
    QueueFiles.requireQueue(dir);
    Recording rec = new Recording();
    int[] corrupt = {0};
    long docs;
    try (QueueReader reader = QueueReader.open(dir)) {
      docs =
          reader.readAll(
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
                public void onCorrupt(long index, String file, CorruptRecordException e) {
                  corrupt[0]++;
                  err.println(
                      "tooltrace: skipped unreadable document at index 0x"
                          + Long.toHexString(index)
                          + " in "
                          + fileName(dir, file)
                          + ": "
                          + e.getMessage());
                }
              });
    }
    err.flush();
    if (corrupt[0] > 0 && corrupt[0] >= docs && rec.isEmpty()) {
      throw new CliException(
          ExitCodes.NO_DATA, "no readable document in " + dir + " (" + corrupt[0] + " unreadable)");
    }
    return rec;
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
