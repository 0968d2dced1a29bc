/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import dev.tooltrace.record.RecordFormat;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Content hashes of immutable values, by identity: the same large {@code String} instance passed to
 * many calls (a document handed to a matcher once per position, say) is hashed once. Only types
 * whose content can never change are cached ({@code String}, {@code BigInteger}, {@code
 * BigDecimal}), and only instances large enough that a lookup is cheaper than hashing. Held weakly
 * and bounded ({@link WeakIdentityTable}): the cache keeps nothing alive.
 *
 * <p>An entry remembers whether it is the result of exact mode (exact, or sampled because the value
 * is larger than {@code capture.hash.max.bytes}) or of sampled mode: a sampled-mode entry does not
 * answer an exact-mode lookup, and never replaces an exact-mode one.
 */
final class HashCache {
  /** Strings at least this long are cached; shorter ones hash faster than a lookup. */
  static final int MIN_CHARS = 256;

  private static final int EXACT_MODE = 0x10;

  private final WeakIdentityTable table;

  HashCache(int capacity) {
    table = new WeakIdentityTable(capacity, true);
  }

  /** Whether {@code o} is immutable and large enough to be cached. */
  static boolean cacheable(Object o) {
    if (o instanceof String) {
      return ((String) o).length() >= MIN_CHARS;
    }
    if (o instanceof BigInteger) {
      return ((BigInteger) o).bitLength() >= 4 * MIN_CHARS;
    }
    if (o instanceof BigDecimal) {
      return ((BigDecimal) o).unscaledValue().bitLength() >= 4 * MIN_CHARS;
    }
    return false;
  }

  /**
   * Looks {@code o}'s hash up for a description in {@code sampled} mode: true with {@code out.a},
   * {@code out.b} (hash) and {@code out.meta & 0x0F} (kind) set when a usable entry exists.
   */
  boolean get(Object o, boolean sampled, WeakIdentityTable.Slot out) {
    table.get(o, out);
    if (!out.found) {
      return false;
    }
    boolean exactResult = (out.meta & EXACT_MODE) != 0;
    out.meta &= 0x0F;
    return sampled || exactResult;
  }

  /** Remembers {@code o}'s hash, as computed in {@code sampled} mode. */
  void put(Object o, int kind, long hi, long lo, boolean sampled) {
    if (kind == RecordFormat.HASH_NONE) {
      return;
    }
    boolean exactResult = !sampled || kind == RecordFormat.HASH_CONTENT;
    int meta = kind | (exactResult ? EXACT_MODE : 0);
    // An exact-mode entry (kind CONTENT or PARTIAL) is never replaced by a sampled-mode one.
    table.put(o, hi, lo, meta, RecordFormat.HASH_PARTIAL | EXACT_MODE, null);
  }
}
