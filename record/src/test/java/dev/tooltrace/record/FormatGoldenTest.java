/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes: each document type written by the record contract's writers ({@link BatchWriter},
 * {@link ValueEncoder}, {@link Encoder}) must equal the bytes pinned here, field by field, and
 * decode back to the same records. A failure here means the format changed: if that is intended,
 * raise {@link RecordFormat#VERSION} when older readers would misread it (or add a section when
 * they would not), then update the pinned bytes and the grammar in {@link RecordFormat}.
 */
class FormatGoldenTest {
  static final long RUN_HI = 0x0102030405060708L;
  static final long RUN_LO = 0x1112131415161718L;
  static final String RUN = "01020304050607081112131415161718";

  static final ToolBlock PARSE =
      new ToolBlock(
          1,
          "parse",
          "parse",
          "ex.P",
          "parse",
          "(Ljava/lang/String;I)J",
          List.of("text", "n"),
          List.of("java.lang.String", "int"),
          "long");
  static final ToolBlock SCORE =
      new ToolBlock(
          2,
          "score",
          "score",
          "ex.P",
          "score",
          "(ZDLjava/lang/Object;)Ljava/lang/Object;",
          List.of("flag", "x", "o"),
          List.of("boolean", "double", "java.lang.Object"),
          "java.lang.Object");

  /**
   * Three calls, every value kind: parse (tool inline) with an object and an int, returning a long;
   * parse again (tool by id) failing, with null and a redacted int; score (inline) with a boolean,
   * a double and an unavailable value, returning a captured, partially hashed, truncated list.
   */
  static final String CALLS =
      hex(
          "54 03 01", // magic 'T', version 3, CALLS
          "0807060504030201 1817161514131211", // run id (hi, lo)
          "0700000000000000", // thread id 7
          "04 6d61696e", // thread name "main"
          "0300", // 3 calls (patched at finish)
          // -- call 1
          "d9000000", // length 217
          "a100000000000000 a200000000000000", // trace id
          "1000000000000000", // span id
          "2000000000000000", // parent span id
          "01 01000000", // TOOL_INLINE, tool id 1
          "05 7061727365 05 7061727365 04 65782e50 05 7061727365", // name op namespace function
          "16 284c6a6176612f6c616e672f537472696e673b49294a", // descriptor
          "02", // 2 parameters
          "04 74657874 10 6a6176612e6c616e672e537472696e67", // text: java.lang.String
          "01 6e 03 696e74", // n: int
          "04 6c6f6e67", // returns long
          "e803000000000000", // start 1000
          "3200000000000000", // duration 50
          "00 00 000000000000e03f", // OK, flags 0, confidence 0.5
          "02", // 2 arguments
          "06 10 6a6176612e6c616e672e537472696e67", // OBJECT java.lang.String
          "01 0a00000000000000 0b00000000000000", // HASH_CONTENT, hash
          "0200000000000000 00 02 6869", // size 2, flags 0, preview "hi"
          "3000000000000000", // producer span 0x30
          "03 0500000000000000", // INT 5
          "04 0900000000000000", // return: LONG 9
          // -- call 2
          "64000000", // length 100
          "a100000000000000 a200000000000000", // trace id
          "1100000000000000", // span id
          "2000000000000000", // parent span id
          "02 01000000", // TOOL_REF 1
          "d007000000000000", // start 2000
          "3c00000000000000", // duration 60
          "01 00 000000000000f87f", // ERROR, flags 0, no confidence (NaN)
          "02 00 07 03 696e74", // 2 arguments: NULL, REDACTED "int"
          "01", // return: VOID
          "13 6a6176612e696f2e494f457863657074696f6e", // exception class
          "03 626164 04 61742078", // message "bad", stack "at x"
          // -- call 3
          "0b010000", // length 267
          "a100000000000000 a200000000000000", // trace id
          "2000000000000000", // span id
          "0000000000000000", // no parent: a root call
          "01 02000000", // TOOL_INLINE, tool id 2
          "05 73636f7265 05 73636f7265 04 65782e50 05 73636f7265",
          "28 285a444c6a6176612f6c616e672f4f626a6563743b294c6a6176612f6c616e672f4f626a6563743b",
          "03",
          "04 666c6167 07 626f6f6c65616e", // flag: boolean
          "01 78 06 646f75626c65", // x: double
          "01 6f 10 6a6176612e6c616e672e4f626a656374", // o: java.lang.Object
          "10 6a6176612e6c616e672e4f626a656374", // returns java.lang.Object
          "8403000000000000", // start 900
          "d007000000000000", // duration 2000
          "00 04 000000000000f87f", // OK, FLAG_ARGS_CAPTURED, no confidence
          "03", // 3 arguments
          "02 01", // BOOLEAN true
          "05 000000000000f83f", // DOUBLE 1.5
          "08 04 626f6f6d", // UNAVAILABLE "boom"
          "06 0e 6a6176612e7574696c2e4c697374", // return: OBJECT java.util.List
          "02 0100000000000000 0200000000000000", // HASH_PARTIAL, hash
          "0300000000000000 03 02 5b31", // size 3, TRUNCATED|CAPTURED, preview "[1"
          "0000000000000000", // no producer
          "09 7b22696e74223a317d"); // capture {"int":1}

  static final String RUN_DOC =
      hex(
          "54 03 02", // magic, version 3, RUN
          "0807060504030201 1817161514131211", // run id
          "e803000000000000", // start 1000
          "9210000000000000", // pid 4242
          "07 7b2261223a317d"); // environment {"a":1}

  static final String SAMPLE_DOC =
      hex(
          "54 03 03", // magic, version 3, SAMPLE
          "0807060504030201 1817161514131211", // run id
          "dc05000000000000", // at 1500
          "02", // 2 values
          "03 637075 000000000000d03f", // cpu 0.25
          "04 68656170 000000000000f87f"); // heap NaN (not measured)

  static final String RUN_END_DOC =
      hex(
          "54 03 04", // magic, version 3, RUN_END
          "0807060504030201 1817161514131211", // run id
          "b80b000000000000", // end 3000
          "02 7b7d"); // counters {}

  private static String hex(String... parts) {
    return String.join("", parts).replace(" ", "");
  }

  static Buf calls() {
    BatchWriter w = new BatchWriter(RUN_HI, RUN_LO, 7, 64);
    w.open("main");
    Buf args = new Buf(64);
    int c = w.beginCall(0xA1, 0xA2, 0x10, 0x20, PARSE, 1000, 50, false, 0, 0.5);
    ValueEncoder.objectHead(
        args, Encoder.encodeStr("java.lang.String"), RecordFormat.HASH_CONTENT, 0x0A, 0x0B, 2, 0);
    args.str("hi", 256);
    ValueEncoder.objectTail(args, 0x30, null);
    ValueEncoder.intValue(args, 5);
    w.arguments(2, args);
    ValueEncoder.longValue(w.buf(), 9);
    w.endCall(c);

    args.clear();
    c = w.beginCall(0xA1, 0xA2, 0x11, 0x20, PARSE, 2000, 60, true, 0, Double.NaN);
    ValueEncoder.nullValue(args);
    ValueEncoder.redacted(args, "int");
    w.arguments(2, args);
    ValueEncoder.voidValue(w.buf());
    w.error("java.io.IOException", "bad", "at x");
    w.endCall(c);

    args.clear();
    c =
        w.beginCall(
            0xA1,
            0xA2,
            0x20,
            0,
            SCORE,
            900,
            2000,
            false,
            RecordFormat.FLAG_ARGS_CAPTURED,
            Double.NaN);
    ValueEncoder.booleanValue(args, true);
    ValueEncoder.doubleValue(args, 1.5);
    ValueEncoder.unavailable(args, "boom");
    w.arguments(3, args);
    ValueEncoder.objectHead(
        w.buf(),
        Encoder.encodeStr("java.util.List"),
        RecordFormat.HASH_PARTIAL,
        1,
        2,
        3,
        RecordFormat.VFLAG_PREVIEW_TRUNCATED | RecordFormat.VFLAG_CAPTURED);
    w.buf().str("[1", 256);
    ValueEncoder.objectTail(w.buf(), 0, "{\"int\":1}");
    w.endCall(c);
    return w.finish();
  }

  static String hexOf(Buf b) {
    return HexFormat.of().formatHex(b.array(), 0, b.length());
  }

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  /** Collects what a decoder hands out. */
  static class Collected implements RecordVisitor {
    final List<CallRecord> calls = new ArrayList<>();
    final List<RunRecord> runs = new ArrayList<>();
    final List<SampleRecord> samples = new ArrayList<>();
    final List<RunEndRecord> ends = new ArrayList<>();

    @Override
    public void onCall(CallRecord call) {
      calls.add(call);
    }

    @Override
    public void onRun(RunRecord run) {
      runs.add(run);
    }

    @Override
    public void onSample(SampleRecord sample) {
      samples.add(sample);
    }

    @Override
    public void onRunEnd(RunEndRecord end) {
      ends.add(end);
    }
  }

  static Collected decode(byte[] doc) {
    Collected c = new Collected();
    new DocumentDecoder().decode(doc, doc.length, 0x42, c);
    return c;
  }

  @Test
  void callsDocumentHasItsPinnedBytes() {
    assertEquals(CALLS, hexOf(calls()));
  }

  @Test
  void runSampleAndRunEndDocumentsHaveTheirPinnedBytes() {
    Buf b = new Buf(64);
    Encoder.run(b, RUN_HI, RUN_LO, 1000, 4242, "{\"a\":1}");
    assertEquals(RUN_DOC, hexOf(b));
    b.clear();
    Encoder.sample(
        b, RUN_HI, RUN_LO, 1500, new String[] {"cpu", "heap"}, new double[] {0.25, Double.NaN});
    assertEquals(SAMPLE_DOC, hexOf(b));
    b.clear();
    Encoder.runEnd(b, RUN_HI, RUN_LO, 3000, "{}");
    assertEquals(RUN_END_DOC, hexOf(b));
  }

  @Test
  void callsDocumentDecodesToEveryValueKind() {
    List<CallRecord> calls = decode(bytes(CALLS)).calls;
    assertEquals(3, calls.size());

    CallRecord first = calls.get(0);
    assertEquals(0x42, first.queueIndex());
    assertEquals(RUN, first.runId());
    assertEquals(7, first.threadId());
    assertEquals("main", first.threadName());
    assertEquals("00000000000000a100000000000000a2", first.traceId());
    assertEquals("0000000000000010", first.spanId());
    assertEquals("0000000000000020", first.parentSpanId());
    assertEquals(1, first.toolId());
    assertEquals("parse", first.tool());
    assertEquals("ex.P", first.codeNamespace());
    assertEquals("(Ljava/lang/String;I)J", first.descriptor());
    assertEquals(1000, first.startEpochNanos());
    assertEquals(50, first.durationNanos());
    assertEquals(0.5, first.confidence());
    assertFalse(first.error());
    ValueRecord text = first.args().get(0);
    assertEquals("text", text.name());
    assertEquals(RecordFormat.VALUE_OBJECT, text.kind());
    assertEquals("java.lang.String", text.actualType());
    assertEquals("000000000000000a000000000000000b", text.hash());
    assertFalse(text.hashPartial());
    assertEquals(2, text.size());
    assertEquals("hi", text.preview());
    assertEquals("0000000000000030", text.producerSpanId());
    assertNull(text.capture());
    ValueRecord n = first.args().get(1);
    assertEquals(RecordFormat.VALUE_INT, n.kind());
    assertEquals("int", n.declaredType());
    assertEquals("5", n.preview());
    ContentHasher h = new ContentHasher();
    PrimitiveValues.hashIntegral(h, 'I', 5);
    assertEquals(h.finish().hex(), n.hash());
    assertEquals("9", first.result().preview());
    assertEquals("long", first.result().declaredType());

    CallRecord second = calls.get(1);
    assertEquals("parse", second.tool(), "the tool by id resolves to the inline block");
    assertTrue(second.error());
    assertNull(second.confidence());
    assertEquals(DocumentDecoder.nullHash(), second.args().get(0).hash());
    assertTrue(second.args().get(1).isRedacted());
    assertEquals("<redacted>", second.args().get(1).preview());
    assertTrue(second.result().isVoid());
    assertEquals(
        new CallRecord.ErrorInfo("java.io.IOException", "bad", "at x"), second.errorInfo());

    CallRecord third = calls.get(2);
    assertTrue(third.isRoot());
    assertTrue(third.hasFlag(RecordFormat.FLAG_ARGS_CAPTURED));
    assertEquals("true", third.args().get(0).preview());
    assertEquals("1.5", third.args().get(1).preview());
    assertEquals("<unavailable: boom>", third.args().get(2).preview());
    ValueRecord list = third.result();
    assertTrue(list.hashPartial());
    assertTrue(list.previewTruncated());
    assertEquals("{\"int\":1}", list.capture());
    assertNull(list.producerSpanId());
  }

  @Test
  void runSampleAndRunEndDecode() {
    RunRecord run = decode(bytes(RUN_DOC)).runs.get(0);
    assertEquals(new RunRecord(0x42, RUN, 1000, 4242, "{\"a\":1}"), run);
    SampleRecord sample = decode(bytes(SAMPLE_DOC)).samples.get(0);
    assertEquals(RUN, sample.runId());
    assertEquals(1500, sample.epochNanos());
    assertEquals(List.of("cpu", "heap"), List.copyOf(sample.values().keySet()));
    assertEquals(0.25, sample.values().get("cpu"));
    assertTrue(sample.values().get("heap").isNaN());
    assertEquals(new RunEndRecord(0x42, RUN, 3000, "{}"), decode(bytes(RUN_END_DOC)).ends.get(0));
  }

  @Test
  void versionOneAndTwoDocumentsAreStillRead() {
    // Version 1 is version 2 without sections, and version 2 is version 3 without the fields
    // version 3 gave a new meaning (none of these documents use them): the same bytes under the
    // old version numbers.
    for (int version : new int[] {1, 2}) {
      for (String doc : List.of(CALLS, RUN_DOC, SAMPLE_DOC, RUN_END_DOC)) {
        byte[] old = bytes(doc);
        old[1] = (byte) version;
        Collected then = decode(old);
        Collected now = decode(bytes(doc));
        assertEquals(now.calls, then.calls);
        assertEquals(now.runs, then.runs);
        assertEquals(now.samples, then.samples);
        assertEquals(now.ends, then.ends);
        assertEquals(1, Math.min(1, counts(then).values().stream().mapToInt(i -> i).sum()), doc);
      }
    }
  }

  /**
   * A value with an elements section ({@link RecordFormat#SECTION_ELEMENTS}) and the version 3
   * value flags: a list argument whose producer returned a container holding it, with a sampled
   * hash, and three entries — an element known by its producer, a container known by its (partial)
   * hash holding one element known by hash.
   */
  static final String ELEMENTS_VALUE =
      hex(
          "86 0e 6a6176612e7574696c2e4c697374", // OBJECT|HAS_SECTIONS java.util.List
          "02 0100000000000000 0200000000000000", // HASH_PARTIAL, hash
          "0500000000000000 0c 02 5b5d", // size 5, PRODUCER_ELEMENT|HASH_SAMPLED, preview "[]"
          "4000000000000000", // producer span 0x40
          "30", // value sections: 48 bytes
          "01 2e", // SECTION_ELEMENTS, 46 bytes
          "01 02 03", // TRUNCATED, 2 omitted, 3 entries
          "30 5000000000000000", // depth 0, producer 0x50 (a container holding it)
          "4c 0300000000000000 0400000000000000", // depth 0, CONTAINER, partial hash
          "05 0500000000000000 0600000000000000"); // depth 1, hash

  static Buf elementsValue() {
    Buf b = new Buf(64);
    ValueEncoder.objectHead(
        b,
        Encoder.encodeStr("java.util.List"),
        RecordFormat.HASH_PARTIAL,
        1,
        2,
        5,
        RecordFormat.VFLAG_PRODUCER_ELEMENT | RecordFormat.VFLAG_HASH_SAMPLED);
    b.str("[]", 256);
    ValueEncoder.objectTail(b, 0x40, null);
    Buf entries = new Buf(16);
    ValueEncoder.elementEntry(entries, 0, false, RecordFormat.HASH_NONE, 0, 0, 0x50, true);
    ValueEncoder.elementEntry(entries, 0, true, RecordFormat.HASH_PARTIAL, 3, 4, 0, false);
    ValueEncoder.elementEntry(entries, 1, false, RecordFormat.HASH_CONTENT, 5, 6, 0, false);
    ValueEncoder.elements(b, 0, RecordFormat.ELEMENTS_TRUNCATED, 2, 3, entries);
    return b;
  }

  @Test
  void elementsAndVersionThreeFlagsHaveTheirPinnedBytesAndDecode() {
    assertEquals(ELEMENTS_VALUE, hexOf(elementsValue()));

    BatchWriter w = new BatchWriter(RUN_HI, RUN_LO, 7, 64);
    w.open("main");
    int c = w.beginCall(0xA1, 0xA2, 0x10, 0, SCORE, 1000, 50, false, 0, Double.NaN);
    Buf args = new Buf(64);
    ValueEncoder.booleanValue(args, true);
    ValueEncoder.doubleValue(args, 1.5);
    args.append(elementsValue());
    w.arguments(3, args);
    ValueEncoder.voidValue(w.buf());
    w.endCall(c);
    ValueRecord list = decode(w.finish().toByteArray()).calls.get(0).args().get(2);

    assertEquals("0000000000000001" + "0000000000000002", list.hash());
    assertTrue(list.hashPartial());
    assertTrue(list.hashSampled());
    assertEquals("0000000000000040", list.producerSpanId());
    assertTrue(list.producerIsElement());
    assertTrue(list.elementsTruncated());
    assertFalse(list.elementsDegraded());
    assertEquals(2, list.elementsOmitted());
    assertEquals(
        List.of(
            new ElementRef(0, false, null, false, "0000000000000050", true),
            new ElementRef(0, true, "0000000000000003" + "0000000000000004", true, null, false),
            new ElementRef(1, false, "0000000000000005" + "0000000000000006", false, null, false)),
        list.elements());
  }

  @Test
  void anUnknownVersionIsNamedInOneLineAndNeverDecoded() {
    for (int version : new int[] {0, RecordFormat.VERSION + 1, 255}) {
      byte[] doc = bytes(CALLS);
      doc[1] = (byte) version;
      UnsupportedVersionException e =
          assertThrows(UnsupportedVersionException.class, () -> decode(doc));
      assertEquals(version, e.version());
      assertEquals(
          "written in record format version "
              + version
              + ", which this tooltrace does not read (it reads versions 1 to 3): read the"
              + " queue with the tooltrace that wrote it, or a newer one",
          e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
    }
  }

  @Test
  void sectionsOfCallsValuesAndDocumentsAreSkippedByReadersThatDoNotKnowThem() {
    int tag = RecordFormat.SECTION_RESERVED_FOR_TESTS;
    BatchWriter w = new BatchWriter(RUN_HI, RUN_LO, 7, 64);
    w.open("main");
    Buf args = new Buf(64);
    int c = w.beginCall(0xA1, 0xA2, 0x10, 0x20, PARSE, 1000, 50, false, 0, 0.5);
    int valueStart = args.length();
    ValueEncoder.objectHead(
        args, Encoder.encodeStr("java.lang.String"), RecordFormat.HASH_CONTENT, 0x0A, 0x0B, 2, 0);
    args.str("hi", 256);
    ValueEncoder.objectTail(args, 0x30, null);
    int sections = ValueEncoder.beginSections(args, valueStart);
    ValueEncoder.section(args, tag, 3);
    args.u8(1).u8(2).u8(3);
    ValueEncoder.section(args, tag, 0);
    ValueEncoder.endSections(args, sections);
    ValueEncoder.intValue(args, 5);
    w.arguments(2, args);
    ValueEncoder.longValue(w.buf(), 9);
    ValueEncoder.section(w.buf(), tag, 8); // a call-level section, e.g. a future CPU time
    w.buf().i64(123);
    w.endCall(c);
    Buf doc = w.finish();
    ValueEncoder.section(doc, tag, 2); // a document-level section, e.g. a future chain hash
    doc.u8(9).u8(9);

    assertTrue(
        hexOf(doc).contains("86106a6176612e6c616e672e537472696e67"),
        "the kind byte carries VALUE_HAS_SECTIONS");
    assertTrue(
        hexOf(doc).contains("3000000000000000" + "07" + "ff03010203" + "ff00" + "03"),
        "value sections: total length 7, then tag, length, payload each");

    CallRecord withSections = decode(doc.toByteArray()).calls.get(0);
    Buf plain = new Buf(64);
    BatchWriter p = new BatchWriter(RUN_HI, RUN_LO, 7, 64);
    p.open("main");
    c = p.beginCall(0xA1, 0xA2, 0x10, 0x20, PARSE, 1000, 50, false, 0, 0.5);
    ValueEncoder.objectHead(
        plain, Encoder.encodeStr("java.lang.String"), RecordFormat.HASH_CONTENT, 0x0A, 0x0B, 2, 0);
    plain.str("hi", 256);
    ValueEncoder.objectTail(plain, 0x30, null);
    ValueEncoder.intValue(plain, 5);
    p.arguments(2, plain);
    ValueEncoder.longValue(p.buf(), 9);
    p.endCall(c);
    assertEquals(decode(p.finish().toByteArray()).calls.get(0), withSections);
  }

  @Test
  void aSectionRunningPastItsCallIsCorruptNotSkipped() {
    BatchWriter w = new BatchWriter(RUN_HI, RUN_LO, 7, 64);
    w.open("main");
    int c = w.beginCall(0xA1, 0xA2, 0x10, 0x20, PARSE, 1000, 50, false, 0, 0.5);
    Buf args = new Buf(16);
    ValueEncoder.intValue(args, 1);
    ValueEncoder.intValue(args, 2);
    w.arguments(2, args);
    ValueEncoder.longValue(w.buf(), 9);
    ValueEncoder.section(
        w.buf(), RecordFormat.SECTION_RESERVED_FOR_TESTS, 50); // only 1 byte follows
    w.buf().u8(0);
    w.endCall(c);
    byte[] doc = w.finish().toByteArray();
    CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> decode(doc));
    assertTrue(e.getMessage().contains("bad length 50"), e.getMessage());
  }

  @Test
  void documentTypesFromANewerWriterAreSkipped() {
    byte[] doc = bytes(RUN_DOC);
    doc[2] = 17;
    Collected c = decode(doc);
    assertTrue(c.runs.isEmpty() && c.calls.isEmpty() && c.samples.isEmpty() && c.ends.isEmpty());
  }

  @Test
  void aFilterDecodesOnlyTheTypesItAdmits() {
    Collected c = new Collected();
    DocumentDecoder d = new DocumentDecoder();
    int runsOnly = DocumentDecoder.only(RecordFormat.DOC_RUN);
    for (String doc : List.of(CALLS, RUN_DOC, SAMPLE_DOC, RUN_END_DOC)) {
      byte[] b = bytes(doc);
      d.decode(b, b.length, 1, c, runsOnly);
    }
    assertEquals(Map.of("runs", 1, "calls", 0, "samples", 0, "ends", 0), counts(c));
  }

  private static Map<String, Integer> counts(Collected c) {
    return Map.of(
        "runs", c.runs.size(),
        "calls", c.calls.size(),
        "samples", c.samples.size(),
        "ends", c.ends.size());
  }
}
