/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/** A document that does not follow {@link RecordFormat}: truncated, or written by another tool. */
public class CorruptRecordException extends RuntimeException {
  public CorruptRecordException(String message) {
    super(message);
  }
}
