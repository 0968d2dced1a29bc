/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/**
 * A document written in a record format version this reader does not know (a newer agent wrote it).
 * Its bytes are never guessed at: readers skip it and say so once.
 */
public final class UnsupportedVersionException extends CorruptRecordException {
  private final int version;

  /** The message names the version; readers prefix where the document is (index, file). */
  public UnsupportedVersionException(int version) {
    super(
        "written in record format version "
            + version
            + ", which this tooltrace does not read (it reads versions "
            + RecordFormat.MIN_READABLE_VERSION
            + " to "
            + RecordFormat.VERSION
            + "): read the queue with the tooltrace that wrote it, or a newer one");
    this.version = version;
  }

  /** The version found in the document. */
  public int version() {
    return version;
  }
}
