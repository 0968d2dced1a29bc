/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.repro;

import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ValueRecord;

/**
 * What identifies a call's inputs and its output across runs: content hashes (stable across JVMs
 * for equal values). A value without a content hash (a plain bean, identified by identity only)
 * makes the signature not comparable; a redacted value compares as "redacted" — its content is
 * deliberately unknown.
 */
final class CallSignature {
  static final String UNKNOWN = "?";

  private CallSignature() {}

  /**
   * The tool and its argument hashes, '|'-separated; contains {@link #UNKNOWN} if not comparable.
   */
  static String inputs(CallRecord c) {
    StringBuilder sb = new StringBuilder(c.tool());
    for (ValueRecord v : c.args()) {
      sb.append('|').append(value(v));
    }
    return sb.toString();
  }

  /** The outcome: the result hash, "void", or "threw TYPE"; {@link #UNKNOWN} if not comparable. */
  static String output(CallRecord c) {
    if (c.error()) {
      return "threw " + (c.errorInfo() == null ? "?" : c.errorInfo().type());
    }
    if (c.result() == null) {
      return UNKNOWN;
    }
    if (c.result().isVoid()) {
      return "void";
    }
    return value(c.result());
  }

  static String value(ValueRecord v) {
    if (v.kind() == RecordFormat.VALUE_REDACTED) {
      return "redacted";
    }
    if (v.hash() == null) {
      return UNKNOWN;
    }
    return v.hashPartial() ? v.hash() + "~" : v.hash();
  }

  static boolean comparable(String signature) {
    return !signature.equals(UNKNOWN) && !signature.contains("|" + UNKNOWN);
  }
}
