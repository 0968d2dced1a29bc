/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import dev.tooltrace.record.AuditFinding.Kind;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Checks a queue's hash chain ({@link Chain}) document by document, file by file, and its seals
 * ({@link Seal}), and names every break: which file, which index, what kind ({@link
 * AuditFinding.Kind}). Each cycle file is read on its own (a file cut short does not hide the files
 * after it). One document of look-ahead tells a swap (two documents in each other's place) and an
 * insertion (the next document continues without this one) from a plain gap.
 *
 * <p>What it proves, and what not, is in {@code docs/audit.md}: the chain shows that no document
 * was altered, removed, inserted or reordered after it was written, unless the whole chain from
 * that document on was rewritten; signed seals (checked with {@code key}) show that even such a
 * rewrite happened without the signing key.
 */
public final class ChainAuditor {
  /** Breaks kept in the report; counting goes on past it. */
  static final int MAX_BREAKS = 1000;

  private final SealKeys.Verifier key;
  private final MessageDigest sha = Sha256.digest();
  private final List<AuditFinding> breaks = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private long moreBreaks;

  private boolean started;
  private byte[] expPrev = Chain.genesis();
  private long expSeq;
  private Doc last;
  private long documents;
  private long files;
  private long unchainedPrefix;
  private byte[] unchainedHash;
  private Doc chainStart;

  /** Links known by chain position: anchors, their predecessors, the last document of each file. */
  private final Map<Long, byte[]> known = new HashMap<>();

  private final Map<String, RunState> runs = new LinkedHashMap<>();
  private final Set<String> runsSeen = new HashSet<>();
  private final List<SealSeen> seals = new ArrayList<>();

  private ChainAuditor(SealKeys.Verifier key) {
    this.key = key;
  }

  /**
   * Audits the queue in {@code dir}; {@code key} (null: signatures are not checked) verifies seal
   * signatures. Throws {@link QueueFiles.NotAQueueException} if {@code dir} holds no queue.
   */
  public static AuditReport audit(Path dir, SealKeys.Verifier key) {
    List<Path> dataFiles = QueueFiles.dataFiles(dir);
    ChainAuditor a = new ChainAuditor(key);
    try (SingleChronicleQueue queue = QueueFiles.openReadOnly(dir)) {
      a.read(queue, dataFiles);
    }
    return a.finish();
  }

  /** One document as read, with what the checks need. */
  private record Doc(
      String file,
      boolean firstInFile,
      long index,
      byte[] bytes,
      ChainLink link,
      MessageDigest body,
      String runId,
      int type) {
    long seq() {
      return link == null ? -1 : link.seq();
    }
  }

  private record SealSeen(Doc doc, SealRecord seal) {}

  private static final class RunState {
    long firstSeq = -1;
    long lastSeq = -1;
    byte[] head;
    long documents;
    boolean ended;
    long signedThrough = -1;
  }

  // ---- reading -------------------------------------------------------------------------------

  private Doc held;

  private void read(SingleChronicleQueue queue, List<Path> dataFiles) {
    RollCycle rc = queue.rollCycle();
    try (ExcerptTailer tailer = queue.createTailer()) {
      for (Path f : dataFiles) {
        String name = f.getFileName().toString();
        files++;
        int cycle;
        try {
          cycle = QueueFiles.cycleOf(queue, f);
        } catch (RuntimeException e) {
          brk(Kind.UNREADABLE, name, -1, -1, "not a file of this queue's roll cycle: " + e);
          continue;
        }
        boolean first = true;
        try {
          if (!tailer.moveToCycle(cycle)) {
            notes.add(name + " holds no documents");
            continue;
          }
          while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
              if (!dc.isPresent()) {
                break;
              }
              long index = dc.index();
              if (rc.toCycle(index) != cycle) {
                dc.rollbackOnClose();
                break;
              }
              if (dc.isMetaData()) {
                continue;
              }
              Bytes<?> b = dc.wire().bytes();
              byte[] bytes = new byte[(int) b.readRemaining()];
              b.read(bytes);
              push(doc(name, first, index, bytes));
              first = false;
            }
          }
        } catch (RuntimeException e) {
          brk(Kind.UNREADABLE, name, -1, -1, "Chronicle cannot read on in this file: " + e);
        }
      }
    }
    if (held != null) {
      process(held, null);
      held = null;
    }
  }

  private Doc doc(String file, boolean first, long index, byte[] bytes) {
    ChainLink link = Chain.find(bytes, bytes.length);
    MessageDigest body = null;
    if (link != null) {
      body = Sha256.digest();
      Chain.begin(body, bytes, link.bodyLength());
    }
    String run = null;
    try {
      run = DocumentDecoder.runIdOf(bytes, bytes.length);
    } catch (RuntimeException e) {
      // Not a tooltrace document: checked by its chain like any other.
    }
    return new Doc(
        file, first, index, bytes, link, body, run, DocumentDecoder.typeOf(bytes, bytes.length));
  }

  private void push(Doc d) {
    documents++;
    if (held == null) {
      held = d;
      return;
    }
    boolean consumed = process(held, d);
    held = consumed ? null : d;
  }

  // ---- the chain -----------------------------------------------------------------------------

  private boolean verifiesAfter(Doc d, byte[] prev) {
    if (d.link == null || (d.link.anchor() && !Arrays.equals(d.link.prev(), prev))) {
      return false;
    }
    return Arrays.equals(link(prev, d), d.link.link());
  }

  private boolean selfConsistent(Doc d) {
    return d.link.anchor() && Arrays.equals(link(d.link.prev(), d), d.link.link());
  }

  /** The link {@code d} would have after {@code prev} (its body's hash state is kept per doc). */
  private static byte[] link(byte[] prev, Doc d) {
    byte[] out = new byte[Chain.LINK_BYTES];
    MessageDigest sha;
    try {
      sha = (MessageDigest) d.body.clone();
    } catch (CloneNotSupportedException e) {
      sha = Sha256.digest();
      Chain.begin(sha, d.bytes, d.link.bodyLength());
    }
    Chain.finish(sha, prev, d.link.seq(), d.link.flags(), new byte[Chain.TAIL_BYTES], out);
    return out;
  }

  /** Checks {@code d} ({@code next}: the document after it, or null); true if it consumed next. */
  private boolean process(Doc d, Doc next) {
    boolean lastInFile = next == null || !next.file.equals(d.file);
    boolean consumed = check(d, next);
    if (lastInFile && d.link != null) {
      known.put(d.seq(), d.link.link());
    }
    if (consumed && next != null && (lastInFile || !next.file.equals(d.file))) {
      known.put(next.seq(), next.link.link());
    }
    return consumed;
  }

  private boolean check(Doc d, Doc next) {
    if (d.link == null) {
      byte[] whole = sha.digest(d.bytes);
      if (!started) {
        unchainedPrefix++;
        unchainedHash = whole;
      } else {
        brk(
            d,
            Kind.UNCHAINED,
            "carries no chain link (not written by a chaining agent, or its link was cut off)");
        expPrev = whole;
        expSeq = 0;
      }
      book(d);
      return false;
    }
    if (!started) {
      started = true;
      if (!d.link.anchor()) {
        brk(
            d,
            Kind.MISSING,
            "the first chained document of the queue is not an anchor: the documents before it in"
                + " "
                + d.file
                + " are missing");
      } else if (!selfConsistent(d)) {
        brk(d, Kind.ALTERED, "its bytes do not match its chain link: altered");
      } else if (d.link.afterUnchained()) {
        if (unchainedPrefix > 0 && !Arrays.equals(d.link.prev(), unchainedHash)) {
          brk(d, Kind.DISCONTINUITY, "does not follow the unchained document before it");
        } else {
          notes.add(
              unchainedPrefix
                  + " documents before "
                  + d.file
                  + " index 0x"
                  + Long.toHexString(d.index)
                  + " carry no chain (written before chaining); the chain starts there");
        }
      } else if (d.link.seq() != 0 || !Chain.isGenesis(d.link.prev())) {
        chainStart = d;
      }
      accept(d);
      return false;
    }
    if (d.link.seq() == expSeq && verifiesAfter(d, expPrev)) {
      accept(d);
      return false;
    }
    boolean self = d.link.anchor() && selfConsistent(d);
    if ((d.link.anchor() && !self) || (!d.link.anchor() && d.link.seq() == expSeq)) {
      brk(d, Kind.ALTERED, "its bytes do not match its chain link: altered");
      accept(d);
      return false;
    }
    long seq = d.link.seq();
    if (seq > expSeq) {
      if (next != null
          && next.link != null
          && next.seq() == expSeq
          && verifiesAfter(next, expPrev)) {
        if (seq == expSeq + 1 && verifiesAfter(d, next.link.link())) {
          brk(
              d,
              Kind.SWAPPED,
              "is in the place of the document after it: index 0x"
                  + Long.toHexString(d.index)
                  + " holds seq "
                  + seq
                  + " and index 0x"
                  + Long.toHexString(next.index)
                  + " holds seq "
                  + next.seq()
                  + " (swapped)");
          accept(next);
          accept(d);
          return true;
        }
        brk(
            d,
            Kind.INSERTED,
            "is not part of the chain: the next document continues the chain without it"
                + " (inserted)");
        book(d);
        return false;
      }
      if (d.firstInFile && foreign(d)) {
        foreignFile(d);
      } else if (d.firstInFile) {
        brk(
            d,
            Kind.TRUNCATED,
            (seq - expSeq)
                + " documents (seq "
                + expSeq
                + ".."
                + (seq - 1)
                + ") are missing between "
                + (last == null ? "the previous file" : last.file)
                + " and this file: the previous file was cut short (or this one's start is gone)");
      } else {
        brk(
            d,
            Kind.MISSING,
            (seq - expSeq)
                + " document(s) missing before this one (seq "
                + expSeq
                + ".."
                + (seq - 1)
                + ")");
      }
      accept(d);
      return false;
    }
    if (seq < expSeq) {
      if (d.firstInFile && foreign(d)) {
        foreignFile(d);
        accept(d);
      } else {
        brk(
            d,
            Kind.REORDERED,
            "has seq " + seq + " but the chain is at seq " + expSeq + ": out of order or repeated");
        book(d);
      }
      return false;
    }
    if (d.firstInFile && foreign(d)) {
      foreignFile(d);
    } else {
      brk(
          d,
          Kind.DISCONTINUITY,
          "links to a predecessor "
              + short16(d.link.prev())
              + " but the document before it has link "
              + short16(expPrev)
              + ": the document before it was replaced");
    }
    accept(d);
    return false;
  }

  /** Whether the document's run appears nowhere before it (its file came from elsewhere). */
  private boolean foreign(Doc d) {
    return d.runId != null && !runsSeen.contains(d.runId);
  }

  private void foreignFile(Doc d) {
    brk(
        d,
        Kind.FOREIGN_FILE,
        "the file does not continue this queue's chain (here at seq "
            + expSeq
            + ", link "
            + short16(expPrev)
            + "): its first document follows seq "
            + (d.link.seq() - 1)
            + ", link "
            + short16(d.link.prev())
            + ", and belongs to run "
            + d.runId
            + ", which appears nowhere before it: a file from another queue or run");
  }

  /** {@code d} holds: the chain continues from it. */
  private void accept(Doc d) {
    expPrev = d.link.link();
    expSeq = d.link.seq() + 1;
    if (d.link.anchor()) {
      known.put(d.link.seq(), d.link.link());
      if (d.link.seq() > 0) {
        known.putIfAbsent(d.link.seq() - 1, d.link.prev());
      }
    }
    book(d);
  }

  /** Per-run bookkeeping and seals, for every document read. */
  private void book(Doc d) {
    last = d;
    if (d.runId == null) {
      return;
    }
    runsSeen.add(d.runId);
    RunState r = runs.computeIfAbsent(d.runId, k -> new RunState());
    r.documents++;
    if (d.link != null) {
      if (r.firstSeq < 0 || d.type == RecordFormat.DOC_RUN) {
        r.firstSeq = d.link.seq();
      }
      r.lastSeq = Math.max(r.lastSeq, d.link.seq());
      if (r.lastSeq == d.link.seq()) {
        r.head = d.link.link();
      }
    }
    if (d.type == RecordFormat.DOC_RUN_END) {
      r.ended = true;
    }
    if (d.type == RecordFormat.DOC_SEAL) {
      SealRecord[] out = new SealRecord[1];
      try {
        new DocumentDecoder()
            .decode(
                d.bytes,
                d.bytes.length,
                d.index,
                new RecordVisitor() {
                  @Override
                  public void onSeal(SealRecord seal) {
                    out[0] = seal;
                  }
                });
      } catch (RuntimeException e) {
        brk(d, Kind.ALTERED, "a seal that cannot be read: " + e.getMessage());
      }
      if (out[0] != null) {
        seals.add(new SealSeen(d, out[0]));
      }
    }
  }

  // ---- seals and the end ---------------------------------------------------------------------

  private AuditReport finish() {
    long signedThrough = -1;
    long checked = 0;
    boolean startVouched = chainStart == null;
    for (SealSeen s : seals) {
      SealRecord seal = s.seal;
      String what = Seal.reasonName(seal.reason()) + " seal";
      boolean linksHold = true;
      byte[] to = known.get(seal.toSeq());
      if (to != null && !Arrays.equals(to, seal.toLink())) {
        linksHold = false;
        brk(
            s.doc,
            Kind.SEAL_MISMATCH,
            what
                + " attests seq "
                + seal.toSeq()
                + " with link "
                + short16(seal.toLink())
                + " but the chain there has "
                + short16(to));
      }
      byte[] from = seal.fromSeq() == 0 ? Chain.genesis() : known.get(seal.fromSeq() - 1);
      if (seal.reason() != Seal.REASON_GAP) {
        if (from != null && !Arrays.equals(from, seal.fromPrev())) {
          linksHold = false;
          brk(
              s.doc,
              Kind.SEAL_MISMATCH,
              what
                  + " starts after link "
                  + short16(seal.fromPrev())
                  + " at seq "
                  + (seal.fromSeq() - 1)
                  + " but the chain there has "
                  + short16(from));
        }
      }
      boolean signatureHolds = false;
      if (key != null) {
        String problem = signatureProblem(seal);
        if (problem != null) {
          brk(s.doc, Kind.BAD_SIGNATURE, what + ": " + problem);
        } else {
          signatureHolds = true;
          checked++;
        }
      }
      boolean trusted = linksHold && (key == null || signatureHolds);
      if (seal.reason() == Seal.REASON_GAP
          && chainStart != null
          && seal.toSeq() == chainStart.link.seq() - 1
          && Arrays.equals(seal.toLink(), chainStart.link.prev())
          && trusted) {
        startVouched = true;
        notes.add(
            "documents seq "
                + seal.fromSeq()
                + ".."
                + seal.toSeq()
                + " were deleted by retention, as the gap seal at "
                + s.doc.file
                + " index 0x"
                + Long.toHexString(s.doc.index)
                + " documents"
                + (seal.signed() && key != null ? " (signed)" : "")
                + ": "
                + seal.detailJson());
      }
      if (signatureHolds && linksHold && seal.reason() != Seal.REASON_GAP) {
        signedThrough = Math.max(signedThrough, seal.toSeq());
        RunState r = runs.get(seal.runId());
        if (r != null && seal.reason() == Seal.REASON_RUN_END) {
          r.signedThrough = Math.max(r.signedThrough, seal.toSeq());
        }
      }
    }
    for (RunState r : runs.values()) {
      if (key != null && r.signedThrough < 0 && r.lastSeq >= 0) {
        r.signedThrough = Math.min(signedThrough, r.lastSeq);
      }
    }
    if (!startVouched) {
      Doc d = chainStart;
      brkAt(
          0,
          d,
          Kind.MISSING_START,
          "the chain starts at seq "
              + d.link.seq()
              + ": documents seq 0.."
              + (d.link.seq() - 1)
              + " are missing and no gap seal accounts for their deletion");
    }
    long headSeq = started && last != null && last.link != null ? last.link.seq() : expSeq - 1;
    String headLink = started ? Hex.of(expPrev) : "";
    if (key != null) {
      if (seals.isEmpty() && documents > 0) {
        brk(
            Kind.BAD_SIGNATURE,
            "",
            -1,
            -1,
            "a key was given but the queue holds no seal: nothing is signed (the agent ran"
                + " without audit.key, or the seals were removed)");
      } else if (signedThrough < headSeq && started) {
        notes.add(
            "documents after seq "
                + signedThrough
                + " (up to "
                + headSeq
                + ") are chained but no signed seal covers them yet (the agent seals at each"
                + " roll and at the end of a run)");
      }
    }
    for (Map.Entry<String, RunState> e : runs.entrySet()) {
      if (!e.getValue().ended) {
        notes.add(
            "run "
                + e.getKey()
                + " has no RUN_END in this queue (still running, killed, or its end is in a"
                + " file not here)");
      }
    }
    if (moreBreaks > 0) {
      notes.add(moreBreaks + " more breaks not listed");
    }
    Map<String, AuditReport.RunChain> runChains = new LinkedHashMap<>();
    for (Map.Entry<String, RunState> e : runs.entrySet()) {
      RunState r = e.getValue();
      runChains.put(
          e.getKey(),
          new AuditReport.RunChain(
              e.getKey(),
              r.firstSeq,
              r.lastSeq,
              r.head == null ? "" : Hex.of(r.head),
              r.documents,
              r.ended,
              r.signedThrough));
    }
    List<AuditFinding> ordered = new ArrayList<>(breaks);
    ordered.sort(
        java.util.Comparator.comparingLong(f -> f.index() < 0 ? Long.MAX_VALUE : f.index()));
    return new AuditReport(
        List.copyOf(ordered),
        List.copyOf(notes),
        files,
        documents,
        started ? headSeq : -1,
        headLink,
        seals.size(),
        checked,
        runChains);
  }

  private String signatureProblem(SealRecord seal) {
    if (!seal.signed()) {
      return "not signed (the agent that wrote it had no audit.key)";
    }
    if (seal.algorithm() != key.algorithm()) {
      return "signed with "
          + Seal.algorithmName(seal.algorithm())
          + ", the given key is "
          + Seal.algorithmName(key.algorithm());
    }
    boolean ok;
    try {
      ok = key.verify(seal.signedBytes(), seal.signature());
    } catch (GeneralSecurityException | RuntimeException e) {
      ok = false;
    }
    if (ok) {
      return null;
    }
    String named =
        seal.keyId().isEmpty()
            ? ""
            : seal.keyId().equals(key.keyId())
                ? " (the seal names this key: the seal was altered)"
                : "; the seal names key " + seal.keyId() + ": a different key";
    return "the signature does not verify with the given key " + key.keyId() + named;
  }

  // ---- findings ------------------------------------------------------------------------------

  private void brk(Doc d, Kind kind, String message) {
    brk(kind, d.file, d.index, d.seq(), message);
  }

  private void brk(Kind kind, String file, long index, long seq, String message) {
    brkAt(breaks.size(), kind, file, index, seq, message);
  }

  private void brkAt(int pos, Doc d, Kind kind, String message) {
    brkAt(pos, kind, d.file, d.index, d.seq(), message);
  }

  private void brkAt(int pos, Kind kind, String file, long index, long seq, String message) {
    if (breaks.size() >= MAX_BREAKS) {
      moreBreaks++;
      return;
    }
    breaks.add(pos, new AuditFinding(kind, file, index, seq, message));
  }

  private static String short16(byte[] link) {
    return link == null ? "(none)" : Hex.of(link).substring(0, 16);
  }
}
