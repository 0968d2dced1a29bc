/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.nio.file.Path;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Reads a queue from its first document to its current end with a {@link DocumentReader}. A
 * document that cannot be decoded is reported to {@link RecordVisitor#onCorrupt} and skipped, so
 * one bad record never hides the rest; documents of an unknown format version are reported once
 * ({@link RecordVisitor#onUnsupportedVersion}) and counted ({@link #unsupportedDocuments()}).
 */
public final class QueueReader implements AutoCloseable {
  private final SingleChronicleQueue queue;
  private long unsupported;

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
    try (ExcerptTailer tailer = queue.createTailer().toStart()) {
      return readFrom(tailer, visitor, Long.MAX_VALUE);
    }
  }

  /** Reads up to {@code max} documents from where {@code tailer} stands. */
  public long readFrom(ExcerptTailer tailer, RecordVisitor visitor, long max) {
    DocumentReader reader = new DocumentReader(visitor);
    long n = reader.read(tailer, max);
    unsupported += reader.unsupportedDocuments();
    return n;
  }

  /** Documents skipped so far because their record format version is unknown to this reader. */
  public long unsupportedDocuments() {
    return unsupported;
  }

  @Override
  public void close() {
    queue.close();
  }
}
