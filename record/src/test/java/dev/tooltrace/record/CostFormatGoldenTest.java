/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import static dev.tooltrace.record.FormatGoldenTest.PARSE;
import static dev.tooltrace.record.FormatGoldenTest.RUN_HI;
import static dev.tooltrace.record.FormatGoldenTest.RUN_LO;
import static dev.tooltrace.record.FormatGoldenTest.decode;
import static dev.tooltrace.record.FormatGoldenTest.hexOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Golden bytes of a call's cost section ({@link RecordFormat#SECTION_COST}). */
class CostFormatGoldenTest {
  /** A call's tail: its return value, then the cost section, inside the call's length. */
  static final String COST_TAIL =
      String.join(
              "",
              "04 0900000000000000", // return: LONG 9
              "02 20", // SECTION_COST, 32 bytes
              "40420f0000000000", // cpu 1,000,000 ns
              "a086010000000000", // self cpu 100,000 ns
              "0000100000000000", // allocated 1 MiB
              "0004000000000000") // self allocated 1 KiB
          .replace(" ", "");

  private static Buf call(boolean cost) {
    BatchWriter w = new BatchWriter(RUN_HI, RUN_LO, 7, 64);
    w.open("main");
    int c = w.beginCall(0xA1, 0xA2, 0x10, 0, PARSE, 1000, 50, false, 0, Double.NaN);
    w.argumentCount(0);
    ValueEncoder.longValue(w.buf(), 9);
    if (cost) {
      w.cost(1_000_000, 100_000, 1 << 20, 1 << 10);
    }
    w.endCall(c);
    return w.finish();
  }

  @Test
  void theCostSectionHasItsPinnedBytesInsideTheCall() {
    String with = hexOf(call(true));
    String without = hexOf(call(false));
    assertTrue(with.endsWith(COST_TAIL), with);
    assertEquals(without.length() + 2 * 34, with.length(), "34 bytes: tag, length, 4 x i64");
  }

  @Test
  void costDecodesAndItsAbsenceIsMinusOne() {
    CallRecord c = decode(call(true).toByteArray()).calls.get(0);
    assertTrue(c.hasCost());
    assertEquals(1_000_000, c.cpuNanos());
    assertEquals(100_000, c.selfCpuNanos());
    assertEquals(1 << 20, c.allocatedBytes());
    assertEquals(1 << 10, c.selfAllocatedBytes());
    assertEquals("9", c.result().preview(), "the value before the section reads as before");
    CallRecord plain = decode(call(false).toByteArray()).calls.get(0);
    assertFalse(plain.hasCost());
    assertEquals(-1, plain.cpuNanos());
    assertEquals(-1, plain.allocatedBytes());
    assertEquals(plain, c.toBuilder().cost(-1, -1, -1, -1).build());
  }

  @Test
  void theExportersInPlaceReaderSeesTheSameCostAndChainPosition() {
    byte[] doc = call(true).toByteArray();
    assertEquals(CallViewDecoderTest.records(doc), CallViewDecoderTest.views(doc));
    // The same document with a chain section, as ChainAppender appends it.
    byte[] section = new byte[Chain.MAX_SECTION_BYTES];
    int n = Chain.writeSection(section, Chain.genesis(), 41, new byte[32], Chain.FLAG_ANCHOR);
    byte[] chained = java.util.Arrays.copyOf(doc, doc.length + n);
    System.arraycopy(section, 0, chained, doc.length, n);
    CallRecord viewed = CallViewDecoderTest.views(chained).get(0);
    assertEquals(41, viewed.chainSeq());
    assertEquals(CallViewDecoderTest.records(chained), CallViewDecoderTest.views(chained));
  }
}
