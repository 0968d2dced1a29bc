/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.CorruptRecordException;
import dev.tooltrace.record.QueueReader;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunEndRecord;
import java.nio.file.Path;

/**
 * Counts the calls a run left in a queue, with the record contract's own reader, and prints the
 * agent's final counters (RUN_END) if the run ended in order: the burst's "dropped" is the calls
 * made minus the calls found here. Needs Chronicle's {@code --add-opens} (see run-all.sh).
 *
 * <p>Arguments: {@code dir=QUEUE}. Prints {@code calls corrupt countersJson}.
 */
public final class QueueCount {
  private QueueCount() {}

  public static void main(String[] argv) {
    Args a = new Args(argv);
    long[] calls = new long[2];
    String[] counters = {"{}"};
    try (QueueReader reader = QueueReader.open(Path.of(a.text("dir", ".")))) {
      reader.readAll(
          new RecordVisitor() {
            @Override
            public void onCall(CallRecord call) {
              calls[0]++;
            }

            @Override
            public void onRunEnd(RunEndRecord end) {
              counters[0] = end.countersJson();
            }

            @Override
            public void onCorrupt(long queueIndex, String file, CorruptRecordException e) {
              calls[1]++;
            }
          });
    }
    System.out.println(calls[0] + "\t" + calls[1] + "\t" + counters[0]);
  }
}
