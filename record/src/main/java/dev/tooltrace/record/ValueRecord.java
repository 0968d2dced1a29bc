/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/**
 * One argument or return value as read back from the queue.
 *
 * @param name the parameter name ("return" for the return value)
 * @param declaredType the declared Java type
 * @param kind one of {@code RecordFormat.VALUE_*}
 * @param actualType the runtime class (the declared type for primitives), "" for null/void
 * @param hash content hash, 32 hex chars, or null when the value has none (identity-only, redacted,
 *     void)
 * @param hashPartial whether the hash covers only a bounded part of a very large value
 * @param size chars of a string, elements of a collection/array, bytes of a byte array; -1 when
 *     unknown
 * @param preview a bounded human-readable rendering ("" when redacted)
 * @param previewTruncated whether the preview was cut
 * @param producerSpanId the span that returned this very object (identity link), or null
 * @param capture the full value as JSON when captured for replay, else null
 */
public record ValueRecord(
    String name,
    String declaredType,
    int kind,
    String actualType,
    String hash,
    boolean hashPartial,
    long size,
    String preview,
    boolean previewTruncated,
    String producerSpanId,
    String capture) {

  public boolean isVoid() {
    return kind == RecordFormat.VALUE_VOID;
  }

  public boolean isRedacted() {
    return kind == RecordFormat.VALUE_REDACTED;
  }
}
