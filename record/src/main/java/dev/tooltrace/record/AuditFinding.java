/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/**
 * One break of a queue's hash chain or one seal that does not hold, as {@link ChainAuditor} names
 * it: which file, which queue index, which chain position, what kind of break.
 *
 * @param file the cycle file's name ({@code 20261201-10.cq4}), or "" for the queue as a whole
 * @param index the Chronicle index of the document, or -1
 * @param seq the document's chain position as it claims it, or -1
 */
public record AuditFinding(Kind kind, String file, long index, long seq, String message) {

  /** What kind of break. */
  public enum Kind {
    /** The document's bytes do not match its link: altered after it was written. */
    ALTERED,
    /** Documents are missing between two documents of one file. */
    MISSING,
    /** The end of a file (or the start of the next) is missing: the file was cut short. */
    TRUNCATED,
    /** Two documents are in each other's place. */
    SWAPPED,
    /** A document that is not part of the chain sits between two that are. */
    INSERTED,
    /** A document repeats or precedes a chain position already passed. */
    REORDERED,
    /** A document links to a different predecessor than the one before it. */
    DISCONTINUITY,
    /** A file continues a different chain: a file from another queue or run. */
    FOREIGN_FILE,
    /** A document without a chain link where the chain had begun. */
    UNCHAINED,
    /** The chain does not start at its genesis and no gap seal accounts for what is missing. */
    MISSING_START,
    /** A seal names a chain position whose link is not the one the queue holds. */
    SEAL_MISMATCH,
    /** A seal's signature does not verify with the given key (or a seal is unsigned). */
    BAD_SIGNATURE,
    /** Chronicle could not read (part of) a file. */
    UNREADABLE
  }

  /** One line: {@code KIND file index 0x… seq n: message}. */
  public String line() {
    StringBuilder b = new StringBuilder(kind.name());
    if (!file.isEmpty()) {
      b.append(' ').append(file);
    }
    if (index >= 0) {
      b.append(" index 0x").append(Long.toHexString(index));
    }
    if (seq >= 0) {
      b.append(" seq ").append(seq);
    }
    return b.append(": ").append(message).toString();
  }
}
