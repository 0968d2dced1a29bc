/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import dev.tooltrace.cli.data.Timing;
import dev.tooltrace.record.CorruptRecordException;
import dev.tooltrace.record.QueueReader;
import dev.tooltrace.record.RecordVisitor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
  private final Map<Integer, CompletableFuture<QueueReader>> opening = new HashMap<>();

  QueueDocs(List<Path> queues) {
    this.queues = queues;
  }

  /**
   * Starts opening every queue on a background thread, so that Chronicle's class loading (most of a
   * second) overlaps with opening the index and running the query. Only the queue objects are made
   * there; tailers, which Chronicle binds to one thread, are made where they are used.
   */
  void openInBackground() {
    for (int src = 0; src < queues.size(); src++) {
      Path q = queues.get(src);
      opening.put(
          src,
          CompletableFuture.supplyAsync(
              () -> {
                QueueReader r = QueueReader.open(q);
                Timing.mark("queue opened in the background");
                return r;
              },
              r -> {
                Thread t = new Thread(r, "tooltrace-queue-open");
                t.setDaemon(true);
                t.start();
              }));
    }
  }

  private QueueReader reader(int src) {
    QueueReader r = readers.get(src);
    if (r == null) {
      CompletableFuture<QueueReader> f = opening.remove(src);
      if (f == null) {
        r = QueueReader.open(queues.get(src));
      } else {
        try {
          r = f.join();
        } catch (CompletionException e) {
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw e;
        }
      }
      readers.put(src, r);
    }
    return r;
  }

  /** Decodes the document at {@code qidx} of queue {@code src} into {@code visitor}. */
  void read(int src, long qidx, RecordVisitor visitor) {
    QueueReader r = reader(src);
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
          public void onSeal(dev.tooltrace.record.SealRecord seal) {
            visitor.onSeal(seal);
          }

          @Override
          public void onChainLink(
              long queueIndex, String runId, dev.tooltrace.record.ChainLink link) {
            visitor.onChainLink(queueIndex, runId, link);
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
    for (CompletableFuture<QueueReader> f : opening.values()) {
      try {
        f.join().close();
      } catch (RuntimeException e) {
        // it never opened: nothing to close
      }
    }
  }
}
