/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The hash chain every document carries (see {@link RecordFormat#SECTION_CHAIN}): one chain per
 * queue, in queue order. Document {@code n} carries its chain position {@code seq} and its link
 *
 * <pre>
 * link(n) = SHA-256( link(n-1)[32] || seq:i64 || flags:u8 || SHA-256(body(n))[32] )
 * </pre>
 *
 * where {@code body(n)} is every byte of the document before its chain section, and {@code
 * link(-1)} (the genesis) is 32 zero bytes. Altering a body changes its digest; removing, inserting
 * or reordering documents breaks {@code link(n-1)} or {@code seq}. The body digest is taken outside
 * the queue's write lock; only the short outer hash (two SHA-256 blocks) runs inside it, where the
 * previous document is known.
 *
 * <p>The chain section is always a document's last section, so it is found from the end: its last
 * byte is its flags, which say whether the previous link is carried too ({@link #FLAG_ANCHOR}: on
 * the first document of each cycle file, and on RUN, RUN_END and SEAL documents, so that each file
 * and each run can be checked from its own first document).
 */
public final class Chain {
  private Chain() {}

  /** Bytes of a link (SHA-256). */
  public static final int LINK_BYTES = 32;

  /** The section carries the previous link (an anchor: a file's first document, RUN, RUN_END). */
  public static final int FLAG_ANCHOR = 1;

  /**
   * The previous document in the queue carried no chain (an older agent wrote it, or it is not a
   * tooltrace document): this document starts a new chain at {@code seq} 0, and its previous link
   * is the SHA-256 of that document's bytes. Always set with {@link #FLAG_ANCHOR}.
   */
  public static final int FLAG_AFTER_UNCHAINED = 2;

  /** Payload bytes without the previous link: seq:i64 link[32] flags:u8. */
  static final int PAYLOAD = 8 + LINK_BYTES + 1;

  /** Payload bytes with the previous link: prev[32] seq:i64 link[32] flags:u8. */
  static final int ANCHOR_PAYLOAD = LINK_BYTES + PAYLOAD;

  /** The largest chain section: tag, one-byte length, anchor payload. */
  public static final int MAX_SECTION_BYTES = 2 + ANCHOR_PAYLOAD;

  /** The link before the first document of a queue. */
  public static byte[] genesis() {
    return new byte[LINK_BYTES];
  }

  /** Whether {@code link} is the genesis (all zero). */
  public static boolean isGenesis(byte[] link) {
    return Arrays.equals(link, new byte[LINK_BYTES]);
  }

  /**
   * Starts a link: resets {@code sha} and feeds it the body {@code doc[0, bodyLength)} — the
   * expensive part, done before the queue's write lock is taken. No allocation.
   */
  public static void begin(MessageDigest sha, byte[] doc, int bodyLength) {
    sha.reset();
    sha.update(doc, 0, bodyLength);
  }

  /** Bytes fed after the body: prev[32] seq:i64 flags:u8. */
  public static final int TAIL_BYTES = LINK_BYTES + 8 + 1;

  /**
   * Completes a link begun with {@link #begin}: feeds the previous link, seq and flags (laid out in
   * {@code tail}, {@link #TAIL_BYTES} long, in one update) and writes the 32-byte result into
   * {@code out} — inside the write lock: one or two SHA-256 blocks. No allocation.
   */
  public static void finish(
      MessageDigest sha, byte[] prev, long seq, int flags, byte[] tail, byte[] out) {
    System.arraycopy(prev, 0, tail, 0, LINK_BYTES);
    for (int i = 0; i < 8; i++) {
      tail[LINK_BYTES + i] = (byte) (seq >>> (8 * i));
    }
    tail[LINK_BYTES + 8] = (byte) flags;
    sha.update(tail, 0, TAIL_BYTES);
    try {
      sha.digest(out, 0, LINK_BYTES);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code link(n)} of a document whose body is {@code doc[0, bodyLength)}, freshly allocated. */
  public static byte[] link(byte[] doc, int bodyLength, byte[] prev, long seq, int flags) {
    MessageDigest sha = Sha256.digest();
    begin(sha, doc, bodyLength);
    byte[] out = new byte[LINK_BYTES];
    finish(sha, prev, seq, flags, new byte[TAIL_BYTES], out);
    return out;
  }

  /** SHA-256 of {@code doc[0, len)} into {@code out} (32 bytes), with {@code sha}. */
  public static void digest(MessageDigest sha, byte[] doc, int len, byte[] out) {
    sha.reset();
    sha.update(doc, 0, len);
    try {
      sha.digest(out, 0, LINK_BYTES);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes a chain section ({@code prev} only when {@code flags} has {@link #FLAG_ANCHOR}) into
   * {@code out} from 0; returns its length.
   */
  public static int writeSection(byte[] out, byte[] prev, long seq, byte[] link, int flags) {
    boolean anchor = (flags & FLAG_ANCHOR) != 0;
    int p = 0;
    out[p++] = (byte) RecordFormat.SECTION_CHAIN;
    out[p++] = (byte) (anchor ? ANCHOR_PAYLOAD : PAYLOAD);
    if (anchor) {
      System.arraycopy(prev, 0, out, p, LINK_BYTES);
      p += LINK_BYTES;
    }
    for (int i = 0; i < 8; i++) {
      out[p++] = (byte) (seq >>> (8 * i));
    }
    System.arraycopy(link, 0, out, p, LINK_BYTES);
    p += LINK_BYTES;
    out[p++] = (byte) flags;
    return p;
  }

  /**
   * Where the chain section at the end of {@code doc[0, len)} starts (its body's length), or -1
   * when the document does not end with one. No allocation: readers on the export path use it with
   * {@link #seqAt} and {@link #linkOffset}.
   */
  public static int sectionStart(byte[] doc, int len) {
    if (len < 3 + 2 + PAYLOAD) {
      return -1;
    }
    int flags = doc[len - 1] & 0xFF;
    if ((flags & ~(FLAG_ANCHOR | FLAG_AFTER_UNCHAINED)) != 0) {
      return -1;
    }
    boolean anchor = (flags & FLAG_ANCHOR) != 0;
    if ((flags & FLAG_AFTER_UNCHAINED) != 0 && !anchor) {
      return -1;
    }
    int payload = anchor ? ANCHOR_PAYLOAD : PAYLOAD;
    int start = len - payload - 2;
    if (start < 3
        || (doc[start] & 0xFF) != RecordFormat.SECTION_CHAIN
        || (doc[start + 1] & 0xFF) != payload) {
      return -1;
    }
    return start;
  }

  /** The seq of a document whose chain section ends at {@code len} ({@link #sectionStart} ≥ 0). */
  public static long seqAt(byte[] doc, int len) {
    int p = len - 1 - LINK_BYTES - 8;
    long seq = 0;
    for (int i = 0; i < 8; i++) {
      seq |= (doc[p + i] & 0xFFL) << (8 * i);
    }
    return seq;
  }

  /** Where the link of a document whose chain section ends at {@code len} starts. */
  public static int linkOffset(int len) {
    return len - 1 - LINK_BYTES;
  }

  /**
   * The chain section at the end of {@code doc[0, len)}, or null when the document does not end
   * with one (an unchained document: written before chaining, or not a tooltrace document).
   */
  public static ChainLink find(byte[] doc, int len) {
    int start = sectionStart(doc, len);
    if (start < 0) {
      return null;
    }
    int flags = doc[len - 1] & 0xFF;
    boolean anchor = (flags & FLAG_ANCHOR) != 0;
    int p = start + 2;
    byte[] prev = null;
    if (anchor) {
      prev = Arrays.copyOfRange(doc, p, p + LINK_BYTES);
      p += LINK_BYTES;
    }
    long seq = 0;
    for (int i = 0; i < 8; i++) {
      seq |= (doc[p++] & 0xFFL) << (8 * i);
    }
    byte[] link = Arrays.copyOfRange(doc, p, p + LINK_BYTES);
    return new ChainLink(seq, flags, link, prev, start);
  }
}
