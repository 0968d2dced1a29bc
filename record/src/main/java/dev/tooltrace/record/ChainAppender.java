/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.security.MessageDigest;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The one place documents get their chain section ({@link Chain}): every writer of a queue — the
 * agent's application threads and its own threads, and the test fixtures — appends through one
 * instance per open queue.
 *
 * <p>Use, per document: {@link #digest} the complete document <em>before</em> taking Chronicle's
 * write lock (the expensive hash), then inside the writing context call {@link #write}, which finds
 * the previous document's link, computes this one's and writes the document and its section:
 *
 * <pre>{@code
 * chain.digest(scratch, doc, len);
 * try (DocumentContext dc = appender.writingDocument()) {
 *   chain.write(dc, scratch, doc, len);
 * }
 * }</pre>
 *
 * <p><b>Where the order is decided.</b> Several threads (each with its own appender) and several
 * JVMs may append to one queue; Chronicle's write lock decides the order, so the link is computed
 * inside it, from the document that is actually the previous one in the queue: {@code dc.index()}
 * is the index this document gets, and the previous one is {@code index - 1} in the same cycle. The
 * last document this instance appended is remembered (its index, seq and link); when it is the
 * previous one — always, unless another JVM appended in between or a cycle rolled — no read is
 * needed. Otherwise the previous document is read from the queue (a tailer, a few microseconds,
 * still inside the lock).
 *
 * <p>Thread-safe in that sense: the remembered head is only read and written inside Chronicle's
 * write lock, published through a volatile index. Each thread passes its own {@link Scratch}.
 */
public final class ChainAppender {
  private final SingleChronicleQueue queue;
  private final RollCycle rollCycle;

  /** Index of the last document this instance appended; {@code Long.MIN_VALUE} when unknown. */
  private volatile long headIndex = Long.MIN_VALUE;

  private long headSeq;
  private final byte[] headLink = new byte[Chain.LINK_BYTES];

  /** Reads of the previous document from the queue (the slow path), for tests and benchmarks. */
  private volatile long previousReads;

  /** Cycles this instance rolled away from (their last document is final), oldest first. */
  private final java.util.concurrent.ConcurrentLinkedQueue<Integer> rolledFrom =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** Index of the document {@link #readPrevious} read last. */
  private long previousIndex;

  public ChainAppender(SingleChronicleQueue queue) {
    this.queue = queue;
    this.rollCycle = queue.rollCycle();
  }

  /** Per-thread working memory: a digest and the arrays the chain is computed in. */
  public static final class Scratch {
    final MessageDigest sha = Sha256.digest();
    final byte[] tail = new byte[Chain.TAIL_BYTES];
    final byte[] prev = new byte[Chain.LINK_BYTES];
    final byte[] section = new byte[Chain.MAX_SECTION_BYTES];

    /** The link of the document last written with this scratch. */
    final byte[] link = new byte[Chain.LINK_BYTES];

    long seq;
    long index;

    /** The chain position of the document last written with this scratch. */
    public long seq() {
      return seq;
    }

    /** The queue index of the document last written with this scratch. */
    public long index() {
      return index;
    }

    /** Where the document last written with this scratch sits in the chain. */
    public ChainPoint point() {
      return new ChainPoint(index, seq, prev.clone(), link.clone());
    }

    /** A copy of the link before the document last written with this scratch. */
    public byte[] prevLink() {
      return prev.clone();
    }

    /** A copy of the link of the document last written with this scratch. */
    public byte[] link() {
      return link.clone();
    }
  }

  /**
   * Hashes the complete document {@code doc[0, len)} (the expensive part of its link); call outside
   * the write lock, then {@link #write} the same document with the same scratch.
   */
  public void digest(Scratch s, byte[] doc, int len) {
    Chain.begin(s.sha, doc, len);
  }

  /**
   * Inside the writing context {@code dc} (Chronicle's write lock held): links the document
   * digested last with {@code s} to the previous document in the queue and writes it, followed by
   * its chain section. Returns its chain position. The previous document is read, when it must be,
   * with a digest of its own: {@code s} holds this document's hash in progress.
   */
  public long write(DocumentContext dc, Scratch s, byte[] doc, int len) {
    long index = dc.index();
    long seqInCycle = rollCycle.toSequenceNumber(index);
    long seq;
    int flags = 0;
    if (seqInCycle > 0 && headIndex == index - 1) {
      System.arraycopy(headLink, 0, s.prev, 0, Chain.LINK_BYTES);
      seq = headSeq + 1;
    } else {
      previousReads++;
      long previous = seqInCycle > 0 ? index - 1 : Long.MIN_VALUE;
      seq = readPrevious(previous, s.prev);
      if (seq < 0) {
        flags |= Chain.FLAG_AFTER_UNCHAINED | Chain.FLAG_ANCHOR;
        seq = 0;
      }
      if (seqInCycle == 0 && previousIndex != Long.MIN_VALUE) {
        rolledFrom.add(rollCycle.toCycle(previousIndex));
      }
    }
    if (seqInCycle == 0 || anchorType(doc, len)) {
      flags |= Chain.FLAG_ANCHOR;
    }
    Chain.finish(s.sha, s.prev, seq, flags, s.tail, s.link);
    int n = Chain.writeSection(s.section, s.prev, seq, s.link, flags);
    Bytes<?> bytes = dc.wire().bytes();
    bytes.write(doc, 0, len);
    bytes.write(s.section, 0, n);
    headIndex = Long.MIN_VALUE;
    System.arraycopy(s.link, 0, headLink, 0, Chain.LINK_BYTES);
    headSeq = seq;
    headIndex = index;
    s.seq = seq;
    s.index = index;
    return seq;
  }

  /**
   * Forgets the remembered head: call when an append failed after {@link #write} (the document may
   * not be in the queue), so that the next append reads the previous document from the queue.
   */
  public void forget() {
    headIndex = Long.MIN_VALUE;
  }

  /**
   * The next cycle this instance rolled away from (it wrote the first document after that cycle's
   * last), or -1: the cycle's file is complete and can be sealed.
   */
  public int takeRolledCycle() {
    Integer c = rolledFrom.poll();
    return c == null ? -1 : c;
  }

  /** How often the previous document had to be read from the queue. */
  public long previousReads() {
    return previousReads;
  }

  /** RUN, RUN_END and SEAL documents carry the previous link: each run is checkable on its own. */
  private static boolean anchorType(byte[] doc, int len) {
    if (len < 3) {
      return false;
    }
    int type = doc[2];
    return type == RecordFormat.DOC_RUN
        || type == RecordFormat.DOC_RUN_END
        || type == RecordFormat.DOC_SEAL;
  }

  /**
   * Reads the document before the one being written into {@code prevOut}: the document at {@code
   * previous}, or when that is {@code Long.MIN_VALUE} (this is a cycle's first document) the last
   * document of the queue before this cycle. Returns the seq the new document gets: its
   * predecessor's + 1, 0 after none (genesis: {@code prevOut} zeroed), or -1 when the predecessor
   * carries no chain ({@code prevOut} is then the SHA-256 of its bytes).
   */
  private long readPrevious(long previous, byte[] prevOut) {
    previousIndex = Long.MIN_VALUE;
    byte[] doc = previous == Long.MIN_VALUE ? lastBeforeCurrentCycle() : documentAt(previous);
    if (doc == null) {
      java.util.Arrays.fill(prevOut, (byte) 0);
      return 0;
    }
    ChainLink link = Chain.find(doc, doc.length);
    if (link == null) {
      MessageDigest sha = Sha256.digest();
      Chain.digest(sha, doc, doc.length, prevOut);
      return -1;
    }
    System.arraycopy(link.link(), 0, prevOut, 0, Chain.LINK_BYTES);
    return link.seq() + 1;
  }

  private byte[] documentAt(long index) {
    try (ExcerptTailer t = queue.createTailer()) {
      if (!t.moveToIndex(index)) {
        return null;
      }
      return readData(t);
    }
  }

  private byte[] readData(ExcerptTailer t) {
    while (true) {
      try (DocumentContext dc = t.readingDocument()) {
        if (!dc.isPresent()) {
          return null;
        }
        if (dc.isMetaData()) {
          continue;
        }
        previousIndex = dc.index();
        Bytes<?> b = dc.wire().bytes();
        byte[] out = new byte[(int) b.readRemaining()];
        b.read(out);
        return out;
      }
    }
  }

  /**
   * The last data document of the queue before the current cycle (whose first document is being
   * written, its header not yet complete): a backward tailer from the end.
   */
  private byte[] lastBeforeCurrentCycle() {
    try (ExcerptTailer t = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd()) {
      return readData(t);
    }
  }
}
