/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/**
 * A SEAL document as read (see {@link Seal}).
 *
 * @param signedBytes the bytes the signature covers (the document up to its signature)
 */
public record SealRecord(
    long queueIndex,
    String runId,
    long epochNanos,
    int reason,
    long fromSeq,
    byte[] fromPrev,
    long toSeq,
    byte[] toLink,
    String detailJson,
    int algorithm,
    String keyId,
    byte[] signature,
    byte[] signedBytes) {

  public boolean signed() {
    return algorithm != Seal.ALG_NONE;
  }
}
