/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/**
 * Writes SEAL documents ({@link RecordFormat#DOC_SEAL}): a statement about a stretch of the chain —
 * from the document at {@code fromSeq} (whose previous link is {@code fromPrev}) to the one at
 * {@code toSeq} (whose link is {@code toLink}) — optionally signed. The agent seals each cycle file
 * when the queue rolls ({@link #REASON_ROLL}), the run at its end ({@link #REASON_RUN_END}: from
 * its RUN to its RUN_END), and the files retention deletes ({@link #REASON_GAP}), so that a deleted
 * old file is a documented gap and not a break.
 *
 * <pre>
 * SEAL := runId[16] epochNanos:i64 reason:u8 fromSeq:i64 fromPrev[32] toSeq:i64 toLink[32]
 *         detail:str algorithm:u8 keyId:str signature:(length:varint bytes) sections
 * </pre>
 *
 * The signature covers every byte of the document before it (from the magic through {@code keyId});
 * {@code detail} is a JSON object for people (file names, cycle, run). A seal is chained like every
 * document, so removing one is a chain break too.
 */
public final class Seal {
  private Seal() {}

  /** The chain head of a cycle file, written after the queue rolled to the next. */
  public static final int REASON_ROLL = 1;

  /** A run's stretch of the chain, from its RUN document to its RUN_END. */
  public static final int REASON_RUN_END = 2;

  /** Documents in files retention deleted: the gap the first remaining document follows. */
  public static final int REASON_GAP = 3;

  /** Not signed: the chain alone vouches for the seal. */
  public static final int ALG_NONE = 0;

  public static final int ALG_ED25519 = 1;
  public static final int ALG_HMAC_SHA256 = 2;

  /**
   * Writes a SEAL document up to its signature into {@code b} (cleared first); returns the length
   * the signature covers. Finish it with {@link #signature}.
   */
  public static int unsigned(
      Buf b,
      long runHi,
      long runLo,
      long epochNanos,
      int reason,
      long fromSeq,
      byte[] fromPrev,
      long toSeq,
      byte[] toLink,
      String detailJson,
      int algorithm,
      String keyId) {
    b.clear();
    Encoder.docHeader(b, RecordFormat.DOC_SEAL);
    b.i64(runHi).i64(runLo).i64(epochNanos).u8(reason);
    b.i64(fromSeq).bytes(fromPrev, 0, Chain.LINK_BYTES);
    b.i64(toSeq).bytes(toLink, 0, Chain.LINK_BYTES);
    b.str(detailJson).u8(algorithm).str(keyId);
    return b.length();
  }

  /** Appends the signature (empty when unsigned): the document is complete. */
  public static void signature(Buf b, byte[] signature) {
    b.varint(signature.length).bytes(signature);
  }

  /** A reason's name, for people. */
  public static String reasonName(int reason) {
    switch (reason) {
      case REASON_ROLL:
        return "roll";
      case REASON_RUN_END:
        return "run-end";
      case REASON_GAP:
        return "gap";
      default:
        return "reason " + reason;
    }
  }

  /** An algorithm's name, for people. */
  public static String algorithmName(int algorithm) {
    switch (algorithm) {
      case ALG_NONE:
        return "none";
      case ALG_ED25519:
        return "Ed25519";
      case ALG_HMAC_SHA256:
        return "HMAC-SHA256";
      default:
        return "algorithm " + algorithm;
    }
  }
}
