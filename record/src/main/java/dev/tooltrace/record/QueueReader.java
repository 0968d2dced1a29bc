/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads a queue from its first document to its current end, decoding every document with {@link
 * DocumentDecoder}. A document that cannot be decoded is reported to {@link
 * RecordVisitor#onCorrupt} and skipped, so one bad record never hides the rest.
 */
public final class QueueReader implements AutoCloseable {
  private final SingleChronicleQueue queue;
  private byte[] scratch = new byte[4096];

  private QueueReader(SingleChronicleQueue queue) {
    this.queue = queue;
  }

  /** Opens {@code dir}; throws {@link QueueFiles.NotAQueueException} if it is not a queue. */
  public static QueueReader open(Path dir) {
    return new QueueReader(QueueFiles.openForReading(dir));
  }

  public SingleChronicleQueue queue() {
    return queue;
  }

  /** Reads every document from the start; returns how many documents were read. */
  public long readAll(RecordVisitor visitor) {
    ExcerptTailer tailer = queue.createTailer().toStart();
    return readFrom(tailer, visitor, Long.MAX_VALUE);
  }

  /** Reads up to {@code max} documents from where {@code tailer} stands. */
  public long readFrom(ExcerptTailer tailer, RecordVisitor visitor, long max) {
    long n = 0;
    while (n < max) {
      try (DocumentContext dc = tailer.readingDocument()) {
        if (!dc.isPresent()) {
          break;
        }
        n++;
        if (dc.isMetaData()) {
          continue;
        }
        long index = dc.index();
        try {
          Bytes<?> bytes = dc.wire().bytes();
          int len = (int) bytes.readRemaining();
          if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
          }
          bytes.read(scratch, 0, len);
          DocumentDecoder.decode(scratch, len, index, visitor);
        } catch (CorruptRecordException e) {
          visitor.onCorrupt(index, fileOf(tailer), e);
        } catch (RuntimeException e) {
          visitor.onCorrupt(
              index, fileOf(tailer), new CorruptRecordException("unreadable document: " + e));
        }
      }
    }
    return n;
  }

  private static String fileOf(ExcerptTailer tailer) {
    try {
      return String.valueOf(tailer.cycle());
    } catch (RuntimeException e) {
      return "?";
    }
  }

  @Override
  public void close() {
    queue.close();
  }
}
