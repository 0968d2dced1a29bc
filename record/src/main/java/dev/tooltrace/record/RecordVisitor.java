/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/** Receives decoded documents in queue order. Every method defaults to doing nothing. */
public interface RecordVisitor {
  default void onRun(RunRecord run) {}

  default void onCall(CallRecord call) {}

  default void onSample(SampleRecord sample) {}

  default void onRunEnd(RunEndRecord end) {}

  /** A SEAL document: a (possibly signed) statement about a stretch of the hash chain. */
  default void onSeal(SealRecord seal) {}

  /**
   * The chain section of the document just decoded (called after the document's records; not for
   * documents written before chaining).
   */
  default void onChainLink(long queueIndex, String runId, ChainLink link) {}

  /**
   * A document that could not be decoded. The reader goes on with the next one; the default
   * rethrows so that nobody silently reads past corruption.
   */
  default void onCorrupt(long queueIndex, String file, CorruptRecordException e) {
    throw e;
  }

  /**
   * The first document of a record format version this reader does not know (a newer agent wrote
   * it): {@link DocumentReader} calls this once per such version and skips further documents of it
   * without a call, counting them ({@link DocumentReader#unsupportedDocuments()}). The default
   * treats it as {@link #onCorrupt}: the message is one line that names the version.
   */
  default void onUnsupportedVersion(long queueIndex, String file, UnsupportedVersionException e) {
    onCorrupt(queueIndex, file, e);
  }
}
