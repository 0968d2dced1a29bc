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
  /** What linking needs of one argument or result. */
  record Value(
      int index,
      String role,
      String type,
      boolean linkableByHash,
      boolean identityTrusted,
      long producerSpan,
      long hashKey) {}

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
  }

  static CompactCall of(CallRecord c, long seq, Interner names) {
    return new CompactCall(c, seq, names);
  }

  private static Value value(int index, ValueRecord v, Interner names) {
    String type =
        v.actualType() == null || v.actualType().isEmpty() ? v.declaredType() : v.actualType();
    boolean byHash = ValueLinking.linkableByHash(v);
    boolean byIdentity = ValueLinking.identityLinkTrusted(v);
    return new Value(
        index,
        names.of(v.name()),
        names.of(type == null ? "" : type),
        byHash,
        byIdentity,
        byIdentity ? id(v.producerSpanId()) : 0,
        byHash ? hashKey(v.hash()) : 0);
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
