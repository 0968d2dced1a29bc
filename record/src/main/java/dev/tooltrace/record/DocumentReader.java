/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.util.BitSet;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The one loop that reads documents from a queue tailer: every reader (the exporter, the CLI, the
 * tests) goes through it, so none of them sees a byte offset. The caller owns and positions the
 * tailer; this class reads one document at a time and hands its records to a {@link RecordVisitor}.
 *
 * <p>A document that cannot be decoded goes to {@link RecordVisitor#onCorrupt} and is skipped: one
 * bad record never hides the rest. A document of a record format version this reader does not know
 * goes to {@link RecordVisitor#onUnsupportedVersion} once per version; further ones are skipped and
 * counted ({@link #unsupportedDocuments()}), never misread. Single-threaded, like a tailer.
 */
public final class DocumentReader {
  private final DocumentDecoder decoder = new DocumentDecoder();
  private final RecordVisitor visitor;
  private final CallViewVisitor views; // the visitor, when it takes calls in place
  private final CallViewDecoder viewDecoder;
  private final int types;
  private final BitSet versionsReported = new BitSet(256);
  private byte[] scratch = new byte[8192];
  private long unsupported;

  /**
   * Reads every document type into {@code visitor}; a {@link CallViewVisitor} gets the calls of
   * CALLS documents in place ({@link CallViewDecoder}) instead of as records.
   */
  public DocumentReader(RecordVisitor visitor) {
    this(visitor, DocumentDecoder.ALL_TYPES);
  }

  /**
   * Decodes only the document types {@code types} admits ({@link DocumentDecoder#only}); others are
   * passed over after their header.
   */
  public DocumentReader(RecordVisitor visitor, int types) {
    this.visitor = visitor;
    this.types = types;
    this.views = visitor instanceof CallViewVisitor ? (CallViewVisitor) visitor : null;
    this.viewDecoder = views != null ? new CallViewDecoder() : null;
  }

  /**
   * Reads the document at the tailer's position (a metadata excerpt is consumed without a call to
   * the visitor). Returns false, consuming nothing, at the end of the queue.
   */
  public boolean next(ExcerptTailer tailer) {
    return next(tailer, Long.MAX_VALUE);
  }

  /**
   * Like {@link #next(ExcerptTailer)}, but also returns false, consuming nothing, when the next
   * document's index is {@code stopIndex} or later.
   */
  public boolean next(ExcerptTailer tailer, long stopIndex) {
    try (DocumentContext dc = tailer.readingDocument()) {
      if (!dc.isPresent()) {
        return false;
      }
      if (dc.index() >= stopIndex) {
        dc.rollbackOnClose();
        return false;
      }
      if (!dc.isMetaData()) {
        read(dc, tailer);
      }
      return true;
    }
  }

  /** Reads up to {@code max} documents; returns how many (metadata excerpts included). */
  public long read(ExcerptTailer tailer, long max) {
    long n = 0;
    while (n < max && next(tailer)) {
      n++;
    }
    return n;
  }

  /** Documents skipped unread because their format version is unknown, reported or not. */
  public long unsupportedDocuments() {
    return unsupported;
  }

  private void read(DocumentContext dc, ExcerptTailer tailer) {
    long index = dc.index();
    try {
      Bytes<?> bytes = dc.wire().bytes();
      int len = (int) bytes.readRemaining();
      if (scratch.length < len) {
        scratch = new byte[Math.max(len, scratch.length * 2)];
      }
      bytes.read(scratch, 0, len);
      if (views != null
          && len >= 3
          && scratch[2] == RecordFormat.DOC_CALLS
          && (types & (1 << RecordFormat.DOC_CALLS)) != 0) {
        viewDecoder.decode(scratch, len, index, views);
      } else {
        decoder.decode(scratch, len, index, visitor, types);
      }
    } catch (UnsupportedVersionException e) {
      unsupported++;
      int v = e.version() & 0xFF;
      if (!versionsReported.get(v)) {
        versionsReported.set(v);
        visitor.onUnsupportedVersion(index, cycleOf(tailer), e);
      }
    } catch (CorruptRecordException e) {
      visitor.onCorrupt(index, cycleOf(tailer), e);
    } catch (RuntimeException e) {
      visitor.onCorrupt(
          index, cycleOf(tailer), new CorruptRecordException("unreadable document: " + e));
    }
  }

  /** The roll cycle being read, as a string: readers name the file from it. */
  private static String cycleOf(ExcerptTailer tailer) {
    try {
      return String.valueOf(tailer.cycle());
    } catch (RuntimeException e) {
      return "?";
    }
  }
}
