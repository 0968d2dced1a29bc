/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.record.AuditFinding.Kind;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering with a chained queue on disk, the way someone with access to its files would — one
 * byte, one document, a file's end, two documents' places, a whole file, the key — and what {@link
 * ChainAuditor} names: the kind of break, the file, the chain position.
 */
class ChainAuditorTest {
  @TempDir Path tmp;

  private ChainQueue twoFiles(Path dir) {
    ChainQueue q = new ChainQueue(dir, 0x11, 0x22);
    q.run().samples(6).roll().samples(6).end();
    return q;
  }

  private static AuditReport audit(Path dir) {
    return ChainAuditor.audit(dir, null);
  }

  private static AuditFinding first(AuditReport r) {
    assertTrue(!r.breaks().isEmpty(), "expected a break, the chain held: " + r.notes());
    return r.breaks().get(0);
  }

  @Test
  void anUntouchedQueueHolds() {
    Path dir = tmp.resolve("q");
    List<byte[]> docs;
    try (ChainQueue q = twoFiles(dir)) {
      docs = q.written;
    }
    AuditReport r = audit(dir);
    assertEquals(List.of(), r.breaks());
    assertEquals(2, r.files());
    assertEquals(14, r.documents());
    assertEquals(13, r.headSeq());
    byte[] lastDoc = docs.get(13);
    assertEquals(Chain.find(lastDoc, lastDoc.length).linkHex(), r.headLink());
    AuditReport.RunChain run = r.runs().get(Hex.of(0x11, 0x22));
    assertEquals(0, run.firstSeq());
    assertEquals(13, run.lastSeq());
    assertEquals(r.headLink(), run.headLink());
    assertTrue(run.ended());
  }

  @Test
  void oneFlippedByteIsAnAlteredDocument() throws IOException {
    Path dir = tmp.resolve("q");
    byte[] doc;
    try (ChainQueue q = twoFiles(dir)) {
      doc = q.written.get(3);
    }
    Path file = QueueFiles.dataFiles(dir).get(0);
    long at = ChainQueue.offsetIn(file, doc);
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
      ch.read(one, at + 30);
      one.put(0, (byte) (one.get(0) ^ 0x01));
      ch.write(one.rewind(), at + 30);
    }
    AuditFinding f = first(audit(dir));
    assertEquals(Kind.ALTERED, f.kind(), f.line());
    assertEquals(3, f.seq());
    assertEquals(file.getFileName().toString(), f.file());
    assertEquals(1, audit(dir).breaks().size(), "only the altered document breaks");
  }

  @Test
  void aDeletedDocumentIsMissing() throws IOException {
    Path dir = tmp.resolve("q");
    byte[] doc;
    try (ChainQueue q = twoFiles(dir)) {
      doc = q.written.get(3);
    }
    // Chronicle skips metadata excerpts: flipping the header's metadata bit removes the document
    // from every reader's view without leaving a trace Chronicle would notice.
    Path file = QueueFiles.dataFiles(dir).get(0);
    long header = ChainQueue.offsetIn(file, doc) - 4;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(header + 3);
      int b = raf.read();
      raf.seek(header + 3);
      raf.write(b | 0x40);
    }
    AuditFinding f = first(audit(dir));
    assertEquals(Kind.MISSING, f.kind(), f.line());
    assertEquals(4, f.seq());
    assertTrue(f.message().contains("seq 3..3"), f.message());
  }

  @Test
  void aFileCutShortIsTruncated() throws IOException {
    Path dir = tmp.resolve("q");
    byte[] doc;
    try (ChainQueue q = twoFiles(dir)) {
      doc = q.written.get(4);
    }
    List<Path> files = QueueFiles.dataFiles(dir);
    long header = ChainQueue.offsetIn(files.get(0), doc) - 4;
    try (FileChannel ch = FileChannel.open(files.get(0), StandardOpenOption.WRITE)) {
      ch.truncate(header);
    }
    long[] sizes = {Files.size(files.get(0)), Files.size(files.get(1))};
    AuditFinding f = first(audit(dir));
    assertEquals(sizes[0], Files.size(files.get(0)), "the audit leaves the files as they are");
    assertEquals(sizes[1], Files.size(files.get(1)));
    assertEquals(Kind.TRUNCATED, f.kind(), f.line());
    assertEquals(files.get(1).getFileName().toString(), f.file());
    assertTrue(f.message().contains("seq 4..6"), f.message());
  }

  @Test
  void twoDocumentsInEachOthersPlaceAreSwapped() throws IOException {
    Path dir = tmp.resolve("q");
    byte[] a;
    byte[] b;
    try (ChainQueue q = twoFiles(dir)) {
      a = q.written.get(3);
      b = q.written.get(4);
    }
    assertEquals(a.length, b.length);
    Path file = QueueFiles.dataFiles(dir).get(0);
    long pa = ChainQueue.offsetIn(file, a);
    long pb = ChainQueue.offsetIn(file, b);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(pa);
      raf.write(b);
      raf.seek(pb);
      raf.write(a);
    }
    AuditReport r = audit(dir);
    AuditFinding f = first(r);
    assertEquals(Kind.SWAPPED, f.kind(), f.line());
    assertEquals(4, f.seq());
    assertEquals(1, r.breaks().size(), r.breaks().toString());
  }

  @Test
  void aFileFromAnotherRunIsForeign() throws IOException {
    Path mine = tmp.resolve("mine");
    Path other = tmp.resolve("other");
    try (ChainQueue q = twoFiles(mine)) {
      q.roll().samples(3);
    }
    try (ChainQueue q = new ChainQueue(other, 0x33, 0x44)) {
      q.run().samples(2).roll().samples(4).roll().samples(2);
    }
    Path replaced = QueueFiles.dataFiles(mine).get(1);
    Files.copy(
        other.resolve(replaced.getFileName()), replaced, StandardCopyOption.REPLACE_EXISTING);
    AuditFinding f = first(audit(mine));
    assertEquals(Kind.FOREIGN_FILE, f.kind(), f.line());
    assertEquals(replaced.getFileName().toString(), f.file());
    assertTrue(f.message().contains(Hex.of(0x33, 0x44)), f.message());
  }

  @Test
  void signedSealsVerifyWithTheirKeyAndNameAWrongOne() throws Exception {
    Path dir = tmp.resolve("q");
    Path key = tmp.resolve("audit.key");
    Path pub = tmp.resolve("audit.pub");
    SealKeys.generateEd25519(key, pub);
    Path otherKey = tmp.resolve("other.key");
    Path otherPub = tmp.resolve("other.pub");
    SealKeys.generateEd25519(otherKey, otherPub);
    SealKeys.Signer signer = SealKeys.signer(key);
    try (ChainQueue q = new ChainQueue(dir, 0x11, 0x22)) {
      q.run().samples(3).roll().seal(Seal.REASON_ROLL, 0, 3, signer).samples(2).end();
      q.seal(Seal.REASON_RUN_END, 0, 7, signer);
    }
    AuditReport good = ChainAuditor.audit(dir, SealKeys.verifier(pub));
    assertEquals(List.of(), good.breaks());
    assertEquals(2, good.signaturesChecked());
    assertEquals(7, good.runs().get(Hex.of(0x11, 0x22)).signedThrough());

    AuditReport wrong = ChainAuditor.audit(dir, SealKeys.verifier(otherPub));
    AuditFinding f = first(wrong);
    assertEquals(Kind.BAD_SIGNATURE, f.kind(), f.line());
    assertEquals(4, f.seq());
    assertTrue(f.message().contains(signer.keyId()), f.message());
    assertTrue(f.message().contains(SealKeys.verifier(otherPub).keyId()), f.message());
  }

  @Test
  void hmacSealsNeedTheSameSecret() throws Exception {
    Path dir = tmp.resolve("q");
    Path secret = tmp.resolve("secret");
    Path other = tmp.resolve("other");
    SealKeys.generateHmac(secret);
    SealKeys.generateHmac(other);
    try (ChainQueue q = new ChainQueue(dir, 0x11, 0x22)) {
      q.run().samples(2).end().seal(Seal.REASON_RUN_END, 0, 3, SealKeys.signer(secret));
    }
    assertEquals(List.of(), ChainAuditor.audit(dir, SealKeys.verifier(secret)).breaks());
    assertEquals(
        Kind.BAD_SIGNATURE, first(ChainAuditor.audit(dir, SealKeys.verifier(other))).kind());
  }

  @Test
  void unsignedSealsFailWhenAKeyIsGiven() throws Exception {
    Path dir = tmp.resolve("q");
    Path key = tmp.resolve("audit.key");
    Path pub = tmp.resolve("audit.pub");
    SealKeys.generateEd25519(key, pub);
    try (ChainQueue q = new ChainQueue(dir, 0x11, 0x22)) {
      q.run().samples(2).end().seal(Seal.REASON_RUN_END, 0, 3, null);
    }
    assertEquals(List.of(), audit(dir).breaks());
    AuditFinding f = first(ChainAuditor.audit(dir, SealKeys.verifier(pub)));
    assertEquals(Kind.BAD_SIGNATURE, f.kind());
    assertTrue(f.message().contains("not signed"), f.message());
  }

  @Test
  void aDeletedOldFileIsADocumentedGapOnlyWithItsSeal() throws IOException {
    Path sealed = tmp.resolve("sealed");
    Path bare = tmp.resolve("bare");
    for (Path dir : List.of(sealed, bare)) {
      try (ChainQueue q = new ChainQueue(dir, 0x11, 0x22)) {
        q.run().samples(3).roll().samples(3);
        if (dir == sealed) {
          q.seal(Seal.REASON_GAP, 0, 3, null);
        }
        q.end();
      }
      Files.delete(QueueFiles.dataFiles(dir).get(0));
    }
    AuditReport ok = audit(sealed);
    assertEquals(List.of(), ok.breaks());
    assertTrue(
        ok.notes().stream().anyMatch(n -> n.contains("deleted by retention")),
        ok.notes().toString());
    AuditFinding f = first(audit(bare));
    assertEquals(Kind.MISSING_START, f.kind(), f.line());
    assertEquals(4, f.seq());
  }
}
