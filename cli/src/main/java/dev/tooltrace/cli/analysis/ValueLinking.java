/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import dev.tooltrace.record.PrimitiveValues;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ValueRecord;

/**
 * Which recorded values may be linked to the call that produced them, and how. The rules exist to
 * avoid <em>spurious</em> edges: two unrelated calls that both return {@code 1}, {@code true}, or
 * {@code ""} did not exchange data, yet their content hashes are equal.
 *
 * <ul>
 *   <li><b>Never linked</b>: null, void, redacted and unavailable values.
 *   <li><b>Scalars</b> (primitives and boxed primitives, by actual or declared type) are never
 *       linked by content hash: a handful of distinct values cover most of them, so equal content
 *       says nothing about flow. They are linked by identity only where identity means something:
 *       never for {@code Boolean} (two shared instances), and not for {@code Byte}, {@code Short},
 *       {@code Character}, {@code Integer}, {@code Long} in -128..127, which the JDK caches and
 *       shares between unrelated code.
 *   <li><b>Empty</b> values (size 0: "", empty collections, maps and arrays) are not linked by
 *       hash, for the same reason; identity links are kept.
 *   <li>Everything else with a content hash (strings, byte arrays and other arrays, records,
 *       collections, maps, other objects the agent hashes) is linked by hash. A partial hash
 *       (length, head and tail of a very large value) counts as a hash.
 * </ul>
 */
public final class ValueLinking {
  private ValueLinking() {}

  /** Whether the value takes part in the graph at all (null and void do not). */
  public static boolean isNode(ValueRecord v) {
    return v != null && v.kind() != RecordFormat.VALUE_NULL && v.kind() != RecordFormat.VALUE_VOID;
  }

  /** Whether the value may be linked to an earlier producer by equal content hash. */
  public static boolean linkableByHash(ValueRecord v) {
    return v.kind() == RecordFormat.VALUE_OBJECT
        && v.hash() != null
        && !isScalar(v)
        && v.size() != 0;
  }

  /** Whether the value's identity link ({@code producerSpanId}) is evidence of flow. */
  public static boolean identityLinkTrusted(ValueRecord v) {
    if (v.kind() != RecordFormat.VALUE_OBJECT || v.producerSpanId() == null) {
      return false;
    }
    char tag = PrimitiveValues.tag(v.actualType());
    switch (tag) {
      case 0:
      case 'F':
      case 'D':
        return true;
      case 'Z':
        return false;
      default:
        return !inBoxCache(v.preview(), tag);
    }
  }

  /** Primitives and boxed primitives. */
  public static boolean isScalar(ValueRecord v) {
    int k = v.kind();
    if (k == RecordFormat.VALUE_BOOLEAN
        || k == RecordFormat.VALUE_INT
        || k == RecordFormat.VALUE_LONG
        || k == RecordFormat.VALUE_DOUBLE) {
      return true;
    }
    return PrimitiveValues.tag(v.actualType()) != 0 || PrimitiveValues.tag(v.declaredType()) != 0;
  }

  private static boolean inBoxCache(String preview, char tag) {
    if (tag == 'C') {
      return preview.length() == 1 && preview.charAt(0) < 128;
    }
    try {
      long n = Long.parseLong(preview.trim());
      return n >= -128 && n <= 127;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
