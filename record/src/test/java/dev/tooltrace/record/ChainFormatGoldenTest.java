/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import static dev.tooltrace.record.FormatGoldenTest.RUN;
import static dev.tooltrace.record.FormatGoldenTest.RUN_HI;
import static dev.tooltrace.record.FormatGoldenTest.RUN_LO;
import static dev.tooltrace.record.FormatGoldenTest.bytes;
import static dev.tooltrace.record.FormatGoldenTest.hexOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden bytes of the chain section and the SEAL document. The links pinned here were computed
 * outside Java (Python's hashlib: {@code sha256(body + prev + seq.to_bytes(8, 'little') +
 * bytes([flags]))}), so a change in how links are computed fails here, not only a change in layout.
 */
class ChainFormatGoldenTest {
  @TempDir Path dir;

  /**
   * A version 2 RUN_END and SAMPLE, spelled out here (not taken from the current writers): the
   * chain hashes whatever bytes a document has, so these links stay pinned when the format version
   * moves on.
   */
  static final String RUN_END_DOC =
      "540204" + "08070605040302011817161514131211" + "b80b000000000000" + "027b7d";

  static final String SAMPLE_DOC =
      "540203"
          + "08070605040302011817161514131211"
          + "dc05000000000000"
          + "02"
          + "03637075000000000000d03f"
          + "0468656170000000000000f87f";

  /** RUN_END as a queue's first document: an anchor with the genesis (zero) link before it. */
  static final String RUN_END_CHAIN =
      "03 49" // SECTION_CHAIN, 73 bytes
          + " "
          + "00".repeat(32) // previous link: genesis
          + " 0000000000000000" // seq 0
          + " ce3ffa0de7bd65e2bbb2b4b3c674c98bb68e70ef664a4540658ade50a68033cd" // link
          + " 01"; // FLAG_ANCHOR

  /** The SAMPLE after it in the same file: no anchor, so no previous link. */
  static final String SAMPLE_CHAIN =
      "03 29" // SECTION_CHAIN, 41 bytes
          + " 0100000000000000" // seq 1
          + " 4df3d9d016a4856e0a8ac5f5f1df4668b7e816bd84b3726da3eb980ea903360e" // link
          + " 00"; // no flags

  static final String SEAL_DOC =
      String.join(
              "",
              "54 " + String.format("%02x", RecordFormat.VERSION) + " 05", // magic, version, SEAL
              "0807060504030201 1817161514131211", // run id
              "e803000000000000", // at 1000
              "02", // REASON_RUN_END
              "0500000000000000", // from seq 5
              "aa".repeat(32), // its previous link
              "0900000000000000", // to seq 9
              "bb".repeat(32), // its link
              "02 7b7d", // detail {}
              "01", // ALG_ED25519
              "04 6b657931", // key id "key1"
              "03 010203") // signature (3 bytes here)
          .replace(" ", "");

  private static String hex(String s) {
    return s.replace(" ", "");
  }

  private List<byte[]> appendAndRead(String... docs) {
    List<byte[]> out = new ArrayList<>();
    try (SingleChronicleQueue q = QueueFiles.openForWriting(dir, "FAST_HOURLY");
        ExcerptAppender a = q.createAppender()) {
      ChainAppender chain = new ChainAppender(q);
      ChainAppender.Scratch s = new ChainAppender.Scratch();
      for (String d : docs) {
        byte[] b = bytes(d);
        chain.digest(s, b, b.length);
        try (DocumentContext dc = a.writingDocument()) {
          chain.write(dc, s, b, b.length);
        }
      }
      try (ExcerptTailer t = q.createTailer()) {
        while (true) {
          try (DocumentContext dc = t.readingDocument()) {
            if (!dc.isPresent()) {
              break;
            }
            byte[] b = new byte[(int) dc.wire().bytes().readRemaining()];
            dc.wire().bytes().read(b);
            out.add(b);
          }
        }
      }
    }
    return out;
  }

  @Test
  void chainSectionsHaveTheirPinnedBytesAndLinks() {
    List<byte[]> docs = appendAndRead(RUN_END_DOC, SAMPLE_DOC);
    assertEquals(RUN_END_DOC + hex(RUN_END_CHAIN), HexFormat.of().formatHex(docs.get(0)));
    assertEquals(SAMPLE_DOC + hex(SAMPLE_CHAIN), HexFormat.of().formatHex(docs.get(1)));
  }

  @Test
  void aChainedDocumentDecodesAsBeforeAndHandsOverItsLink() {
    List<byte[]> docs = appendAndRead(RUN_END_DOC, SAMPLE_DOC);
    List<ChainLink> links = new ArrayList<>();
    List<String> runIds = new ArrayList<>();
    FormatGoldenTest.Collected c =
        new FormatGoldenTest.Collected() {
          @Override
          public void onChainLink(long queueIndex, String runId, ChainLink link) {
            links.add(link);
            runIds.add(runId);
          }
        };
    for (byte[] d : docs) {
      new DocumentDecoder().decode(d, d.length, 0x42, c);
    }
    assertEquals(new RunEndRecord(0x42, RUN, 3000, "{}"), c.ends.get(0));
    assertEquals(0.25, c.samples.get(0).values().get("cpu"));
    assertEquals(List.of(RUN, RUN), runIds);
    assertEquals(0, links.get(0).seq());
    assertTrue(links.get(0).anchor());
    assertArrayEquals(Chain.genesis(), links.get(0).prev());
    assertEquals(
        "4df3d9d016a4856e0a8ac5f5f1df4668b7e816bd84b3726da3eb980ea903360e", links.get(1).linkHex());
    assertEquals(bytes(SAMPLE_DOC).length, links.get(1).bodyLength());
  }

  @Test
  void aSectionAfterTheChainSectionIsCorrupt() {
    byte[] doc = appendAndRead(RUN_END_DOC).get(0);
    Buf b = new Buf(doc.length + 4).bytes(doc);
    ValueEncoder.section(b, RecordFormat.SECTION_RESERVED_FOR_TESTS, 1);
    b.u8(0);
    byte[] bad = b.toByteArray();
    assertThrows(
        CorruptRecordException.class,
        () -> new DocumentDecoder().decode(bad, bad.length, 1, new RecordVisitor() {}));
  }

  @Test
  void sealDocumentHasItsPinnedBytesAndDecodes() {
    Buf b = new Buf(64);
    byte[] from = bytes("aa".repeat(32));
    byte[] to = bytes("bb".repeat(32));
    int signed =
        Seal.unsigned(
            b,
            RUN_HI,
            RUN_LO,
            1000,
            Seal.REASON_RUN_END,
            5,
            from,
            9,
            to,
            "{}",
            Seal.ALG_ED25519,
            "key1");
    Seal.signature(b, new byte[] {1, 2, 3});
    assertEquals(SEAL_DOC, hexOf(b));
    assertEquals(b.length() - 4, signed, "the signature covers everything before it");

    SealRecord[] got = new SealRecord[1];
    byte[] doc = bytes(SEAL_DOC);
    new DocumentDecoder()
        .decode(
            doc,
            doc.length,
            0x42,
            new RecordVisitor() {
              @Override
              public void onSeal(SealRecord seal) {
                got[0] = seal;
              }
            });
    SealRecord s = got[0];
    assertEquals(RUN, s.runId());
    assertEquals(Seal.REASON_RUN_END, s.reason());
    assertEquals(5, s.fromSeq());
    assertArrayEquals(from, s.fromPrev());
    assertEquals(9, s.toSeq());
    assertArrayEquals(to, s.toLink());
    assertEquals("key1", s.keyId());
    assertArrayEquals(new byte[] {1, 2, 3}, s.signature());
    assertEquals(signed, s.signedBytes().length);
  }
}
