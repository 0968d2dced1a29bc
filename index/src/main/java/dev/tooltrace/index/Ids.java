/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import dev.tooltrace.record.Hex;

/** Hex ids as the numbers the index stores them as, and back. */
final class Ids {
  private Ids() {}

  /** A 16-digit span id as its 64 bits; "" (no parent) is 0. */
  static long span(String hex) {
    return hex == null || hex.isEmpty() ? 0 : Long.parseUnsignedLong(hex, 16);
  }

  static String span(long id) {
    return Hex.of(id);
  }

  /** The high half of a 32-digit id (trace id, content hash). */
  static long hi(String hex32) {
    return Long.parseUnsignedLong(hex32.substring(0, 16), 16);
  }

  static long lo(String hex32) {
    return Long.parseUnsignedLong(hex32.substring(16, 32), 16);
  }

  static String hex32(long hi, long lo) {
    return Hex.of(hi, lo);
  }
}
