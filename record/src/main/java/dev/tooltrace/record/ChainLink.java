/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.util.Arrays;

/**
 * A document's chain section, as read ({@link Chain#find}).
 *
 * @param seq the document's position in its queue's chain (0 for the first)
 * @param flags {@code Chain.FLAG_*}
 * @param link the document's link (32 bytes)
 * @param prev the previous link when the section is an anchor, else null
 * @param bodyLength the bytes before the chain section: what the body digest covers
 */
public record ChainLink(long seq, int flags, byte[] link, byte[] prev, int bodyLength) {

  public boolean anchor() {
    return (flags & Chain.FLAG_ANCHOR) != 0;
  }

  public boolean afterUnchained() {
    return (flags & Chain.FLAG_AFTER_UNCHAINED) != 0;
  }

  /** The link as 64 lowercase hex characters. */
  public String linkHex() {
    return Hex.of(link);
  }

  /** Whether this document's link is {@code other}. */
  public boolean linkEquals(byte[] other) {
    return Arrays.equals(link, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChainLink c
        && c.seq == seq
        && c.flags == flags
        && c.bodyLength == bodyLength
        && Arrays.equals(c.link, link)
        && Arrays.equals(c.prev, prev);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(seq) * 31 + Arrays.hashCode(link);
  }

  @Override
  public String toString() {
    return "seq " + seq + " link " + linkHex().substring(0, 16) + "…";
  }
}
