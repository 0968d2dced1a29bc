/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import dev.tooltrace.record.CorruptRecordException;
import dev.tooltrace.record.QueueReader;
import dev.tooltrace.record.RecordVisitor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.queue.ExcerptTailer;

/**
 * Reads single documents back from the queues by their Chronicle index: the index keeps where a
 * record is, the queue keeps what it says (previews, stack traces, captures). Chronicle's own index
 * makes each lookup a direct seek.
 */
final class QueueDocs implements AutoCloseable {
  private final List<Path> queues;
  private final Map<Integer, QueueReader> readers = new HashMap<>();
  private final Map<Integer, ExcerptTailer> tailers = new HashMap<>();

  QueueDocs(List<Path> queues) {
    this.queues = queues;
  }

  /** Decodes the document at {@code qidx} of queue {@code src} into {@code visitor}. */
  void read(int src, long qidx, RecordVisitor visitor) {
    QueueReader r = readers.computeIfAbsent(src, s -> QueueReader.open(queues.get(s)));
    ExcerptTailer t = tailers.computeIfAbsent(src, s -> r.queue().createTailer());
    if (!t.moveToIndex(qidx)) {
      throw new IllegalStateException(
          "queue " + queues.get(src) + " no longer holds document 0x" + Long.toHexString(qidx));
    }
    r.readFrom(
        t,
        new RecordVisitor() {
          @Override
          public void onRun(dev.tooltrace.record.RunRecord run) {
            visitor.onRun(run);
          }

          @Override
          public void onCall(dev.tooltrace.record.CallRecord call) {
            visitor.onCall(call);
          }

          @Override
          public void onSample(dev.tooltrace.record.SampleRecord sample) {
            visitor.onSample(sample);
          }

          @Override
          public void onRunEnd(dev.tooltrace.record.RunEndRecord end) {
            visitor.onRunEnd(end);
          }

          @Override
          public void onCorrupt(long index, String file, CorruptRecordException e) {
            visitor.onCorrupt(index, file, e);
          }
        },
        1);
  }

  @Override
  public void close() {
    tailers.values().forEach(ExcerptTailer::close);
    readers.values().forEach(QueueReader::close);
  }
}
