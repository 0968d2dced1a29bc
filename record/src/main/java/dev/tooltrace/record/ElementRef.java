/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/**
 * One element of a recorded value ({@link RecordFormat#SECTION_ELEMENTS}), as the agent saw it:
 * what lineage needs to link it to the call that produced it, nothing more (no type, no preview).
 *
 * @param depth 0 for an element of the value itself, 1 for an element of such an element, ...
 * @param container whether the entries that follow, one level deeper, are this element's elements
 * @param hash content hash (32 hex chars), or null when the agent gave it none: an element that is
 *     not linkable by content (a number, an empty string, an identity-only object), or one whose
 *     producer was known (arguments), or one beyond the hashing budget
 * @param hashPartial whether the hash is sampled
 * @param producerSpanId the span that returned this very object, or null
 * @param producerIsElement whether that span returned a container holding the object
 */
public record ElementRef(
    int depth,
    boolean container,
    String hash,
    boolean hashPartial,
    String producerSpanId,
    boolean producerIsElement) {}
