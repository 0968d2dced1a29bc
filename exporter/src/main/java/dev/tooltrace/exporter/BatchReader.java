/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.CorruptRecordException;
import dev.tooltrace.record.DocumentDecoder;
import dev.tooltrace.record.DocumentReader;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunRecord;
import dev.tooltrace.record.UnsupportedVersionException;
import io.opentelemetry.sdk.resources.Resource;
import java.text.ParseException;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Reads whole documents from the queue into {@link Batch}es with an unnamed tailer, through the
 * record contract's {@link DocumentReader}. Tool metrics are updated here, once per record read, so
 * they also work without OTLP — unless there are none to update (null: inside the agent, which
 * counts them on the calling threads). Single-threaded, like the tailer it owns.
 */
final class BatchReader implements RecordVisitor {
  private final SingleChronicleQueue queue;
  private final ExcerptTailer tailer;
  private final RunResources resources;
  private final CallMapper mapper;
  private final ToolMetrics metrics;
  private final boolean buildSignals;
  private final Consumer<String> corruptLog;
  private final DocumentReader documents = new DocumentReader(this);
  private Batch current;
  private long corrupt;

  BatchReader(
      SingleChronicleQueue queue,
      RunResources resources,
      CallMapper mapper,
      ToolMetrics metrics,
      boolean buildSignals,
      Consumer<String> corruptLog) {
    this.queue = queue;
    this.tailer = queue.createTailer();
    this.resources = resources;
    this.mapper = mapper;
    this.metrics = metrics;
    this.buildSignals = buildSignals;
    this.corruptLog = corruptLog;
  }

  /**
   * Positions the tailer at {@code committed} (0: the first document). RUN documents before that
   * point are scanned first (header byte only, no call decoding), so resumed spans still carry
   * their run's resource.
   */
  void resumeAt(long committed) {
    if (committed == 0) {
      tailer.toStart();
      return;
    }
    scanRuns(committed);
    moveTo(committed);
  }

  /**
   * Positions the tailer at {@code index}, which may not exist yet: the committed value is the
   * index after the last exported document, so it is either the next document of its cycle, or the
   * end of a cycle that has since rolled (then reading goes on at the next cycle's first document),
   * or the queue's end (then the tailer waits there). Never skips a document.
   */
  private void moveTo(long index) {
    RollCycle rc = queue.rollCycle();
    long target = index;
    for (int attempt = 0; attempt < 1000; attempt++) {
      if (tailer.moveToIndex(target)) {
        return;
      }
      int cycle = rc.toCycle(target);
      int next;
      try {
        next = queue.nextCycle(cycle, TailerDirection.FORWARD);
      } catch (ParseException e) {
        next = -1;
      }
      if (next > cycle) {
        target = rc.toIndex(next, 0);
        continue;
      }
      tailer.toEnd();
      if (tailer.index() <= target) {
        return; // at the end, exactly where the next document will be
      }
      // A document was appended meanwhile: try the exact position again.
    }
    throw new IllegalStateException(
        "cannot position the queue tailer at committed index 0x" + Long.toHexString(index));
  }

  /** Starts at the current end (metrics only: count what this process writes from now on). */
  void startAtEnd() {
    tailer.toEnd();
  }

  /**
   * Lets the calling thread take the tailer over: Chronicle tailers refuse use from a second
   * thread, and the pipeline positions it on the caller's thread before its own thread starts.
   */
  void handOverToCurrentThread() {
    tailer.singleThreadedCheckReset();
  }

  /** Index of the next document this reader would read. */
  long position() {
    return tailer.index();
  }

  /** Documents skipped unread: corrupt, or of a record format version this reader does not know. */
  long corruptDocuments() {
    return corrupt + documents.unsupportedDocuments();
  }

  /**
   * Reads documents until at least {@code maxCalls} calls or the end of the queue. When reading
   * fails half-way with an {@link Error} (an {@link OutOfMemoryError} while the application fills
   * the heap), the tailer goes back to where this batch started, so the next attempt reads those
   * documents again instead of skipping them.
   */
  Batch read(int maxCalls) {
    Batch b = new Batch();
    current = b;
    long start = tailer.index();
    b.nextIndex = start;
    try {
      while (b.calls < maxCalls && documents.next(tailer)) {
        b.documents++;
        b.nextIndex = tailer.index();
      }
    } catch (Error e) {
      moveTo(start);
      throw e;
    } finally {
      current = null;
    }
    return b;
  }

  @Override
  public void onRun(RunRecord run) {
    resources.onRun(run);
  }

  @Override
  public void onCall(CallRecord c) {
    Batch b = current;
    b.calls++;
    if (b.oldestEndNanos == 0 || c.endEpochNanos() < b.oldestEndNanos) {
      b.oldestEndNanos = c.endEpochNanos();
    }
    if (metrics != null) {
      metrics.record(c);
    }
    if (buildSignals) {
      Resource r = resources.forRun(c.runId());
      b.spans.add(mapper.span(c, r));
      if (c.error()) {
        b.logs.add(mapper.errorLog(c, r, System.currentTimeMillis() * 1_000_000L));
      }
    }
  }

  @Override
  public void onCorrupt(long queueIndex, String file, CorruptRecordException e) {
    corrupt++;
    if (corrupt <= 5) {
      corruptLog.accept(
          "skipping unreadable queue document 0x"
              + Long.toHexString(queueIndex)
              + " (cycle "
              + file
              + "): "
              + e.getMessage()
              + (corrupt == 5 ? " (further ones are counted, not logged)" : ""));
    }
  }

  /**
   * A newer agent's documents: one line (not one per document, which {@link #onCorrupt} limits to
   * five anyway), then they are skipped and counted as unreadable.
   */
  @Override
  public void onUnsupportedVersion(long queueIndex, String file, UnsupportedVersionException e) {
    corruptLog.accept(
        "skipping unreadable queue document 0x"
            + Long.toHexString(queueIndex)
            + " (cycle "
            + file
            + "): "
            + e.getMessage()
            + "; further documents of that version are skipped and counted");
  }

  private void scanRuns(long until) {
    RecordVisitor runsOnly =
        new RecordVisitor() {
          @Override
          public void onRun(RunRecord run) {
            resources.onRun(run);
          }

          @Override
          public void onCorrupt(long queueIndex, String file, CorruptRecordException e) {}
        };
    DocumentReader runs = new DocumentReader(runsOnly, DocumentDecoder.only(RecordFormat.DOC_RUN));
    try (ExcerptTailer scan = queue.createTailer().toStart()) {
      while (runs.next(scan, until)) {
        // RUN documents before the committed index feed the resources; nothing else is decoded.
      }
    }
  }

  void close() {
    tailer.close();
  }
}
