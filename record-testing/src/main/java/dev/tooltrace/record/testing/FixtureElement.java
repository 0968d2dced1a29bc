/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record.testing;

import dev.tooltrace.record.Buf;
import dev.tooltrace.record.CanonicalHash;
import dev.tooltrace.record.ContentHasher;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ValueEncoder;

/**
 * One element entry of a {@link FixtureValue} ({@code SECTION_ELEMENTS}), written with the record
 * contract's {@link ValueEncoder#elementEntry}. Immutable: the methods return changed copies.
 */
public final class FixtureElement {
  private static final CanonicalHash CANONICAL = new CanonicalHash(1L << 20);

  private final int depth;
  private final boolean container;
  private final int hashKind;
  private final long hashHi;
  private final long hashLo;
  private final long producer;
  private final boolean producerIsElement;

  private FixtureElement(
      int depth,
      boolean container,
      int hashKind,
      long hashHi,
      long hashLo,
      long producer,
      boolean producerIsElement) {
    this.depth = depth;
    this.container = container;
    this.hashKind = hashKind;
    this.hashHi = hashHi;
    this.hashLo = hashLo;
    this.producer = producer;
    this.producerIsElement = producerIsElement;
  }

  /** An element with the content hash of {@code o} (as the agent computes it), no producer. */
  public static FixtureElement of(Object o) {
    ContentHasher h = new ContentHasher();
    int kind = CANONICAL.hash(h, o);
    if (kind != RecordFormat.HASH_NONE) {
      h.finish();
    }
    return new FixtureElement(0, false, kind, h.hi, h.lo, 0, false);
  }

  /** An element with the sampled hash of {@code o}. */
  public static FixtureElement sampledOf(Object o) {
    ContentHasher h = new ContentHasher();
    int kind = CANONICAL.hash(h, o, true);
    if (kind != RecordFormat.HASH_NONE) {
      h.finish();
    }
    return new FixtureElement(0, false, kind, h.hi, h.lo, 0, false);
  }

  /** An element with nothing to link it by (a number, an empty string). */
  public static FixtureElement unlinkable() {
    return new FixtureElement(0, false, RecordFormat.HASH_NONE, 0, 0, 0, false);
  }

  /** An element known only by its producer (the agent leaves out the hash then). */
  public static FixtureElement producedBy(long spanId) {
    return new FixtureElement(0, false, RecordFormat.HASH_NONE, 0, 0, spanId, false);
  }

  /** An element known by identity as an element of what {@code spanId} returned. */
  public static FixtureElement producedAsElementOf(long spanId) {
    return new FixtureElement(0, false, RecordFormat.HASH_NONE, 0, 0, spanId, true);
  }

  /** A container element (its own elements follow, one level deeper), without hash. */
  public static FixtureElement container() {
    return new FixtureElement(0, true, RecordFormat.HASH_NONE, 0, 0, 0, false);
  }

  /** The same element at {@code depth}. */
  public FixtureElement at(int depth) {
    return new FixtureElement(
        depth, container, hashKind, hashHi, hashLo, producer, producerIsElement);
  }

  /** The same element with a producer too. */
  public FixtureElement withProducer(long spanId, boolean asElement) {
    return new FixtureElement(depth, container, hashKind, hashHi, hashLo, spanId, asElement);
  }

  void writeTo(Buf entries) {
    ValueEncoder.elementEntry(
        entries, depth, container, hashKind, hashHi, hashLo, producer, producerIsElement);
  }
}
