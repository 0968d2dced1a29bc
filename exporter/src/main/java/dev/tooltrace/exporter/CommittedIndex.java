/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * The exporter's read position, stored IN the queue (Chronicle's {@code indexForId}: a {@link
 * LongValue} in the queue's metadata file), so any process that opens the directory resumes where
 * the last one that exported stopped. The value is the index of the next document to read; 0 means
 * "never committed: start at the first document".
 *
 * <p>An unnamed tailer plus this value, rather than a named tailer, because a named tailer commits
 * whenever a document context closes, that is when a record is read; we must commit only when the
 * backend accepted the batch.
 */
final class CommittedIndex {
  private final LongValue value;

  CommittedIndex(SingleChronicleQueue queue, String id) {
    this.value = queue.indexForId(id);
  }

  long get() {
    return value.getVolatileValue();
  }

  void set(long nextIndex) {
    value.setVolatileValue(nextIndex);
  }
}
