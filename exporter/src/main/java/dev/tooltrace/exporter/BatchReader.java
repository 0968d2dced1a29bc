/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import dev.tooltrace.record.CallView;
import dev.tooltrace.record.CallViewVisitor;
import dev.tooltrace.record.ChainLink;
import dev.tooltrace.record.CorruptRecordException;
import dev.tooltrace.record.DocumentDecoder;
import dev.tooltrace.record.DocumentReader;
import dev.tooltrace.record.Hex;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunRecord;
import dev.tooltrace.record.UnsupportedVersionException;
import java.text.ParseException;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Reads whole documents from the queue into {@link Batch}es with an unnamed tailer, through the
 * record contract's {@link DocumentReader}, and encodes their calls straight into OTLP requests as
 * it goes: each call arrives read in place ({@link CallView}) and is written by {@link SpanEncoder}
 * into the batch's traces request (and, failed, its logs request), with no per-call object. Tool
 * metrics are updated here, once per call read, so they also work without OTLP — unless there are
 * none to update (null: inside the agent, which counts them on the calling threads).
 * Single-threaded, like the tailer it owns.
 */
final class BatchReader implements CallViewVisitor {
  private final SingleChronicleQueue queue;
  private final ExcerptTailer tailer;
  private final RunResources resources;
  private final SpanEncoder encoder;
  private final ToolMetrics metrics;
  private final RequestBuilder spans; // null: spans are not exported
  private final RequestBuilder logs; // null: error logs are not exported
  private final Consumer<String> corruptLog;
  private final DocumentReader documents = new DocumentReader(this);
  private Batch current;
  private long runDocumentIndex = -1;
  private final ViewLink linkOf = new ViewLink();

  /** The link of the call view in hand, copied only when the run's head moves. */
  private static final class ViewLink implements RunResources.LinkSource {
    private CallView view;

    ViewLink of(CallView v) {
      view = v;
      return this;
    }

    @Override
    public boolean copyTo(byte[] out) {
      return view.copyChainLink(out);
    }
  }

  private long observedNanos;
  private long corrupt;

  /**
   * @param encoder null when nothing is exported (metrics only)
   * @param metrics null when the per-tool metrics are counted elsewhere
   * @param spans whether spans are exported
   * @param logs whether error logs are exported
   */
  BatchReader(
      SingleChronicleQueue queue,
      RunResources resources,
      SpanEncoder encoder,
      ToolMetrics metrics,
      boolean spans,
      boolean logs,
      Consumer<String> corruptLog) {
    this.queue = queue;
    this.tailer = queue.createTailer();
    this.resources = resources;
    this.encoder = encoder;
    this.metrics = metrics;
    byte[] scope = RequestBuilder.scopeField(CallMapper.SCOPE.getName(), Versions.TOOLTRACE);
    this.spans = encoder != null && spans ? new RequestBuilder(scope) : null;
    this.logs = encoder != null && logs ? new RequestBuilder(scope) : null;
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
   * Reads documents until at least {@code maxCalls} calls or the end of the queue, and encodes
   * them. When reading fails half-way with an {@link Error} (an {@link OutOfMemoryError} while the
   * application fills the heap), the tailer goes back to where this batch started and what was
   * encoded is dropped, so the next attempt reads those documents again instead of skipping them.
   */
  Batch read(int maxCalls, long seq) {
    Batch b = new Batch(seq);
    current = b;
    observedNanos = System.currentTimeMillis() * 1_000_000L;
    long start = tailer.index();
    b.startIndex = start;
    b.nextIndex = start;
    try {
      while (b.calls < maxCalls && documents.next(tailer)) {
        b.documents++;
        b.nextIndex = tailer.index();
      }
      if (spans != null && !spans.isEmpty()) {
        b.spans = spans.build(resources);
      }
      if (logs != null && !logs.isEmpty()) {
        b.logs = logs.build(resources);
      }
    } catch (Error e) {
      clearRequests();
      moveTo(start);
      throw e;
    } catch (RuntimeException e) {
      clearRequests();
      moveTo(start);
      throw e;
    } finally {
      current = null;
    }
    b.spansDone = b.spans == null;
    b.logsDone = b.logs == null;
    return b;
  }

  private void clearRequests() {
    if (spans != null) {
      spans.clear();
    }
    if (logs != null) {
      logs.clear();
    }
  }

  @Override
  public void onRun(RunRecord run) {
    resources.onRun(run);
    runDocumentIndex = run.queueIndex();
  }

  /** The chain section of a document that is not a CALLS batch (RUN, SAMPLE, RUN_END, SEAL). */
  @Override
  public void onChainLink(long queueIndex, String runId, ChainLink link) {
    if (queueIndex == runDocumentIndex) {
      resources.onRunChainLink(runId, link);
    } else if (Hex.isHex(runId, 32)) {
      resources.onChainPosition(
          Hex.parseLong(runId.substring(0, 16)),
          Hex.parseLong(runId.substring(16)),
          link.seq(),
          out -> {
            System.arraycopy(link.link(), 0, out, 0, out.length);
            return true;
          });
    }
  }

  @Override
  public void onCallView(CallView c) {
    Batch b = current;
    b.calls++;
    if (c.chainSeq() >= 0) {
      resources.onChainPosition(c.runIdHi(), c.runIdLo(), c.chainSeq(), linkOf.of(c));
    }
    long end = c.endEpochNanos();
    if (b.oldestEndNanos == 0 || end < b.oldestEndNanos) {
      b.oldestEndNanos = end;
    }
    if (metrics != null) {
      metrics.record(c);
    }
    if (spans != null) {
      encoder.span(spans.items(c.runIdHi(), c.runIdLo()), c);
      spans.added();
    }
    if (logs != null && c.error()) {
      encoder.errorLog(logs.items(c.runIdHi(), c.runIdLo()), c, observedNanos);
      logs.added();
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
          public void onChainLink(long queueIndex, String runId, ChainLink link) {
            resources.onRunChainLink(runId, link); // only RUN documents are decoded here
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
