/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.report;

import dev.tooltrace.cli.analysis.ValueLinking;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.ValueRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What lineage needs of a call, in a few dozen bytes: ids as numbers, value hashes cut to their
 * first 64 bits (two different values share them with a chance of about 2^-64 per pair), names and
 * types interned, no previews. The reorder window of {@link LineageShapes} holds thousands of
 * these.
 */
final class CompactCall {
  /**
   * What linking needs of one argument or result. {@code elements} are its element references
   * ({@link ValueLinking#inputs}), at most {@link Limits#ELEMENTS_PER_VALUE}; {@code
   * explainedByElements} whether they explain the value ({@link ValueLinking#explainedByElements},
   * given which of them link), decided when it is linked.
   */
  record Value(
      int index,
      String role,
      String type,
      boolean linkableByHash,
      boolean identityTrusted,
      long producerSpan,
      boolean producerIsElement,
      long hashKey,
      Element[] elements,
      byte[] structure,
      boolean elementsComplete) {

    /**
     * Whether the value's elements explain it, given which of them link ({@link
     * ValueLinking#explained}).
     */
    boolean explainedByElements(java.util.function.IntPredicate linked) {
      return elementsComplete
          && ValueLinking.explained(
              structure.length, k -> structure[k] & 3, k -> (structure[k] & 4) != 0, linked);
    }
  }

  /**
   * One element reference: the index into the value's elements, its producer span (trusted) and
   * whether that span returned it inside a container, its content hash key (0: none).
   */
  record Element(int index, long producerSpan, boolean producerIsElement, long hashKey) {}

  private static final Element[] NO_ELEMENTS = new Element[0];

  /** The content hash keys of what the call produced: its result's and its elements'. */
  final long[] outputHashes;

  final long seq;
  final long span;
  final long parent;
  final String tool;
  final boolean error;
  final double confidence;
  final long start;
  final long end;
  final Value[] args;
  final Value result;

  private CompactCall(CallRecord c, long seq, Interner names) {
    this.seq = seq;
    this.span = id(c.spanId());
    this.parent = c.parentSpanId().isEmpty() ? 0 : id(c.parentSpanId());
    this.tool = names.of(c.tool());
    this.error = c.error();
    this.confidence = c.confidence() == null ? Double.NaN : c.confidence();
    this.start = c.startEpochNanos();
    this.end = c.endEpochNanos();
    List<ValueRecord> a = c.args();
    int nodes = 0;
    for (ValueRecord v : a) {
      if (ValueLinking.isNode(v)) {
        nodes++;
      }
    }
    this.args = new Value[nodes];
    int i = 0;
    for (int k = 0; k < a.size(); k++) {
      if (ValueLinking.isNode(a.get(k))) {
        args[i++] = value(k, a.get(k), names);
      }
    }
    this.result =
        !c.error() && ValueLinking.isNode(c.result()) ? value(-1, c.result(), names) : null;
    List<ValueLinking.Output> outs = ValueLinking.outputs(c);
    this.outputHashes = new long[outs.size()];
    for (int k = 0; k < outputHashes.length; k++) {
      outputHashes[k] = hashKey(outs.get(k).hash());
    }
  }

  static CompactCall of(CallRecord c, long seq, Interner names) {
    return new CompactCall(c, seq, names);
  }

  private static Value value(int index, ValueRecord v, Interner names) {
    String type =
        v.actualType() == null || v.actualType().isEmpty() ? v.declaredType() : v.actualType();
    boolean byHash = ValueLinking.linkableByHash(v);
    boolean byIdentity = ValueLinking.identityLinkTrusted(v);
    Element[] elements = elements(v);
    int n = Math.min(v.elements().size(), Limits.ELEMENTS_PER_VALUE);
    byte[] structure = n == 0 ? NO_STRUCTURE : new byte[n];
    for (int k = 0; k < n; k++) {
      dev.tooltrace.record.ElementRef e = v.elements().get(k);
      structure[k] = (byte) (e.depth() | (e.container() ? 4 : 0));
    }
    return new Value(
        index,
        names.of(v.name()),
        names.of(type == null ? "" : type),
        byHash,
        byIdentity,
        byIdentity ? id(v.producerSpanId()) : 0,
        byIdentity && v.producerIsElement(),
        byHash ? hashKey(v.hash()) : 0,
        elements,
        structure,
        n > 0 && n == v.elements().size() && !v.elementsTruncated() && !v.elementsDegraded());
  }

  private static final byte[] NO_STRUCTURE = new byte[0];

  /** The value's element references, through the one linking rule ({@link ValueLinking}). */
  private static Element[] elements(ValueRecord v) {
    if (v.elements().isEmpty()) {
      return NO_ELEMENTS;
    }
    List<Element> out = new java.util.ArrayList<>();
    for (ValueLinking.Ref r : ValueLinking.elementRefs(v, 0, "")) {
      if (r.element() < Limits.ELEMENTS_PER_VALUE) {
        out.add(
            new Element(
                r.element(),
                r.producerSpanId() == null ? 0 : id(r.producerSpanId()),
                r.producerIsElement(),
                r.hash() == null ? 0 : hashKey(r.hash())));
      }
    }
    return out.toArray(NO_ELEMENTS);
  }

  /** A span id (16 hex digits) as a number; 0 for none. */
  static long id(String hex) {
    if (hex == null || hex.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseUnsignedLong(hex.length() > 16 ? hex.substring(0, 16) : hex, 16);
    } catch (NumberFormatException e) {
      return hex.hashCode();
    }
  }

  /** The first 64 bits of a content hash (32 hex digits). */
  static long hashKey(String hash) {
    return id(hash);
  }

  /** Shares the strings every call repeats (tool, parameter and type names), bounded. */
  static final class Interner {
    private static final int MAX = 100_000;
    private final Map<String, String> strings = new HashMap<>();

    String of(String s) {
      if (s == null) {
        return "";
      }
      String known = strings.get(s);
      if (known != null) {
        return known;
      }
      if (strings.size() < MAX) {
        strings.put(s, s);
      }
      return s;
    }
  }
}
