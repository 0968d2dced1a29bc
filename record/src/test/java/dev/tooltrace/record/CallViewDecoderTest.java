/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-place reader of CALLS documents ({@link CallViewDecoder}) against the record reader
 * ({@link DocumentDecoder}): on every golden document, on generated documents with every value kind
 * and edge value, and on every truncation and many corruptions of them, both hand out the same
 * calls and fail the same way. This is what keeps two readers of one layout one contract.
 */
class CallViewDecoderTest {
  private static final ToolBlock MIXED =
      new ToolBlock(
          9,
          "mixed ✓",
          "op",
          "ex.Mixed",
          "run",
          "(CBSFJLjava/lang/Character;Ljava/lang/Float;)V",
          List.of("c", "b", "s", "f", "j", "boxedChar", "boxedFloat"),
          List.of(
              "char", "byte", "short", "float", "long", "java.lang.Character", "java.lang.Float"),
          "void");

  /** What a view says, as the record a {@link DocumentDecoder} would have built. */
  static CallRecord record(CallView c) {
    List<ValueRecord> args = new ArrayList<>();
    for (int i = 0; i < c.argCount(); i++) {
      args.add(value(c.arg(i)));
    }
    return CallRecord.builder()
        .queueIndex(c.queueIndex())
        .runId(Hex.of(c.runIdHi(), c.runIdLo()))
        .threadId(c.threadId())
        .threadName(c.threadName().toString())
        .traceId(Hex.of(c.traceIdHi(), c.traceIdLo()))
        .spanId(Hex.of(c.spanId()))
        .parentSpanId(c.isRoot() ? "" : Hex.of(c.parentSpanId()))
        .toolId(c.toolId())
        .tool(c.tool().toString())
        .operation(c.operation().toString())
        .codeNamespace(c.codeNamespace().toString())
        .codeFunction(c.codeFunction().toString())
        .descriptor(c.descriptor().toString())
        .startEpochNanos(c.startEpochNanos())
        .durationNanos(c.durationNanos())
        .error(c.error())
        .flags(c.flags())
        .confidence(c.hasConfidence() ? c.confidence() : null)
        .args(args)
        .result(value(c.result()))
        .errorInfo(
            c.error()
                ? new CallRecord.ErrorInfo(
                    c.errorType().toString(),
                    c.errorMessage().toString(),
                    c.errorStackTrace().toString())
                : null)
        .chainSeq(c.chainSeq())
        .cost(c.cpuNanos(), c.selfCpuNanos(), c.allocatedBytes(), c.selfAllocatedBytes())
        .build();
  }

  static ValueRecord value(ValueView v) {
    return ValueRecord.builder()
        .name(v.name().toString())
        .declaredType(v.declaredType().toString())
        .kind(v.kind())
        .actualType(v.actualType().toString())
        .hash(v.hasHash() ? Hex.of(v.hashHi(), v.hashLo()) : null)
        .hashPartial(v.hashPartial())
        .size(v.size())
        .preview(v.preview().toString())
        .previewTruncated(v.previewTruncated())
        .producerSpanId(v.producerSpanId() == 0 ? null : Hex.of(v.producerSpanId()))
        .capture(v.hasCapture() ? v.capture().toString() : null)
        .producerIsElement(v.producerIsElement())
        .hashSampled(v.hashSampled())
        .elements(v.elements())
        .elementsTruncated(v.elementsTruncated())
        .elementsDegraded(v.elementsDegraded())
        .elementsOmitted(v.elementsOmitted())
        .build();
  }

  /** Calls handed out, then the failure (class and message) if any. */
  static List<String> viaRecords(byte[] doc, int len) {
    List<String> out = new ArrayList<>();
    try {
      new DocumentDecoder()
          .decode(
              doc,
              len,
              0x42,
              new RecordVisitor() {
                @Override
                public void onCall(CallRecord call) {
                  CallRecord c = asUtf8(call);
                  out.add(c.toString() + c.args() + c.result() + c.errorInfo());
                }
              });
    } catch (RuntimeException e) {
      out.add(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return out;
  }

  static List<String> viaViews(CallViewDecoder d, byte[] doc, int len) {
    List<String> out = new ArrayList<>();
    try {
      d.decode(
          doc,
          len,
          0x42,
          call -> {
            CallRecord r = record(call);
            out.add(r.toString() + r.args() + r.result() + r.errorInfo());
          });
    } catch (RuntimeException e) {
      out.add(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return out;
  }

  /**
   * The record as its UTF-8 form reads back: a {@code char} argument that is a lone surrogate has a
   * preview {@link String} holding that surrogate, which no UTF-8 writer can carry ('?' on the
   * wire, as {@link String#getBytes} writes it); a view holds the UTF-8 bytes already.
   */
  static CallRecord asUtf8(CallRecord c) {
    List<ValueRecord> args = new ArrayList<>();
    c.args().forEach(v -> args.add(asUtf8(v)));
    return c.toBuilder().args(args).result(asUtf8(c.result())).build();
  }

  static ValueRecord asUtf8(ValueRecord v) {
    String p = new String(v.preview().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    return v.toBuilder().preview(p).build();
  }

  static List<CallRecord> records(byte[] doc) {
    List<CallRecord> out = new ArrayList<>();
    new DocumentDecoder()
        .decode(
            doc,
            doc.length,
            0x42,
            new RecordVisitor() {
              @Override
              public void onCall(CallRecord call) {
                out.add(asUtf8(call));
              }
            });
    return out;
  }

  static List<CallRecord> views(byte[] doc) {
    List<CallRecord> out = new ArrayList<>();
    new CallViewDecoder().decode(doc, doc.length, 0x42, call -> out.add(record(call)));
    return out;
  }

  @Test
  void goldenCallsDocumentReadsTheSameBothWays() {
    byte[] doc = FormatGoldenTest.bytes(FormatGoldenTest.CALLS);
    List<CallRecord> expected = records(doc);
    assertEquals(3, expected.size());
    assertEquals(expected, views(doc));
    byte[] v1 = doc.clone();
    v1[1] = 1;
    assertEquals(expected, views(v1), "version 1 documents");
  }

  @Test
  void edgeValuesAndExtraArgumentsReadTheSameBothWays() {
    byte[] doc = mixedDocument(new Random(7), 40);
    List<CallRecord> expected = records(doc);
    assertEquals(40, expected.size());
    assertSame(expected, views(doc));
  }

  @Test
  void sectionsAreSkippedAlike() {
    BatchWriter w = new BatchWriter(1, 2, 3, 64);
    w.open("t");
    Buf args = new Buf(64);
    int c = w.beginCall(1, 2, 3, 4, FormatGoldenTest.PARSE, 10, 20, false, 0, 0.25);
    int start = args.length();
    ValueEncoder.objectHead(
        args, Encoder.encodeStr("java.lang.String"), RecordFormat.HASH_CONTENT, 5, 6, 2, 0);
    args.str("hi", 256);
    ValueEncoder.objectTail(args, 0x30, null);
    int s = ValueEncoder.beginSections(args, start);
    ValueEncoder.section(args, RecordFormat.SECTION_RESERVED_FOR_TESTS, 2);
    args.u8(1).u8(2);
    ValueEncoder.endSections(args, s);
    ValueEncoder.intValue(args, 5);
    w.arguments(2, args);
    ValueEncoder.longValue(w.buf(), 9);
    ValueEncoder.section(w.buf(), RecordFormat.SECTION_RESERVED_FOR_TESTS, 1);
    w.buf().u8(7);
    w.endCall(c);
    Buf doc = w.finish();
    ValueEncoder.section(doc, RecordFormat.SECTION_RESERVED_FOR_TESTS, 0);
    byte[] b = doc.toByteArray();
    assertEquals(records(b), views(b));
    assertEquals(1, views(b).size());
  }

  /** A CALLS document whose list argument carries an elements section and version 3 flags. */
  static byte[] elementsDocument() {
    BatchWriter w = new BatchWriter(1, 2, 3, 64);
    w.open("t");
    int c = w.beginCall(1, 2, 3, 0, FormatGoldenTest.SCORE, 10, 20, false, 0, Double.NaN);
    Buf args = new Buf(64);
    ValueEncoder.booleanValue(args, true);
    ValueEncoder.doubleValue(args, 1.5);
    args.append(FormatGoldenTest.elementsValue());
    w.arguments(3, args);
    ValueEncoder.voidValue(w.buf());
    w.endCall(c);
    return w.finish().toByteArray();
  }

  @Test
  void elementsAndVersionThreeFlagsReadTheSameBothWays() {
    byte[] doc = elementsDocument();
    List<CallRecord> expected = records(doc);
    assertEquals(3, expected.get(0).args().get(2).elements().size());
    assertEquals(expected, views(doc));
  }

  @Test
  void everyTruncationAndManyCorruptionsFailAlike() {
    CallViewDecoder reused = new CallViewDecoder();
    List<byte[]> docs =
        List.of(
            FormatGoldenTest.bytes(FormatGoldenTest.CALLS),
            mixedDocument(new Random(3), 4),
            elementsDocument());
    int compared = 0;
    for (byte[] doc : docs) {
      for (int len = 0; len <= doc.length; len++) {
        assertEquals(viaRecords(doc, len), viaViews(reused, doc, len), "truncated to " + len);
        compared++;
      }
      Random r = new Random(11);
      for (int i = 0; i < 3000; i++) {
        byte[] bad = doc.clone();
        int flips = 1 + r.nextInt(3);
        for (int f = 0; f < flips; f++) {
          bad[3 + r.nextInt(bad.length - 3)] = (byte) r.nextInt(256);
        }
        assertEquals(viaRecords(bad, bad.length), viaViews(reused, bad, bad.length), "flip " + i);
        compared++;
      }
    }
    assertTrue(compared > 9000);
  }

  @Test
  void theReaderLoopHandsCallsOfAViewVisitorOutInPlace(@TempDir Path dir) {
    List<CallRecord> seen = new ArrayList<>();
    List<RunRecord> runs = new ArrayList<>();
    FormatGoldenTest.Collected plain = new FormatGoldenTest.Collected();
    CallViewVisitor v =
        new CallViewVisitor() {
          @Override
          public void onCallView(CallView call) {
            seen.add(record(call));
          }

          @Override
          public void onCall(CallRecord call) {
            throw new AssertionError("a view visitor never gets records");
          }

          @Override
          public void onRun(RunRecord run) {
            runs.add(run);
          }
        };
    byte[] calls = FormatGoldenTest.bytes(FormatGoldenTest.CALLS);
    byte[] run = FormatGoldenTest.bytes(FormatGoldenTest.RUN_DOC);
    try (SingleChronicleQueue q = QueueFiles.openForWriting(dir, QueueFiles.DEFAULT_ROLL_CYCLE)) {
      try (ExcerptAppender a = q.createAppender()) {
        for (byte[] d : List.of(run, calls)) {
          try (DocumentContext dc = a.writingDocument()) {
            dc.wire().bytes().write(d);
          }
        }
      }
      for (RecordVisitor visitor : List.of(v, plain)) {
        DocumentReader reader = new DocumentReader(visitor);
        try (ExcerptTailer t = q.createTailer()) {
          while (reader.next(t)) {
            // every document
          }
        }
      }
    }
    assertEquals(1, runs.size());
    assertEquals(3, seen.size());
    assertEquals(plain.calls, seen);
  }

  /** Equal lists; on a difference, says which call and where its text differs. */
  static void assertSame(List<CallRecord> expected, List<CallRecord> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      String e = expected.get(i).toString();
      String a = actual.get(i).toString();
      int at = 0;
      while (at < Math.min(e.length(), a.length()) && e.charAt(at) == a.charAt(at)) {
        at++;
      }
      int from = Math.max(0, at - 80);
      assertEquals(
          e.substring(from, Math.min(e.length(), at + 80)),
          a.substring(from, Math.min(a.length(), at + 80)),
          "call " + i);
      assertEquals(expected.get(i), actual.get(i), "call " + i);
    }
  }

  /** Calls of the two golden tools and a tool with every primitive type, with edge values. */
  static byte[] mixedDocument(Random r, int calls) {
    BatchWriter w = new BatchWriter(r.nextLong(), r.nextLong(), r.nextLong(), 256);
    w.open("worker-ü-" + r.nextInt(9));
    Buf args = new Buf(256);
    long[] edges = {0, 1, -1, 9, 10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE, 0xD800, 0xE9, 0x20AC};
    for (int i = 0; i < calls; i++) {
      args.clear();
      boolean error = r.nextInt(5) == 0;
      double conf = r.nextBoolean() ? Double.NaN : r.nextDouble();
      int which = r.nextInt(3);
      ToolBlock tool =
          which == 0 ? MIXED : which == 1 ? FormatGoldenTest.PARSE : FormatGoldenTest.SCORE;
      int c =
          w.beginCall(
              r.nextLong(),
              r.nextLong(),
              r.nextLong() | 1,
              r.nextBoolean() ? 0 : r.nextLong(),
              tool,
              r.nextLong() >>> 2,
              r.nextInt(1_000_000),
              error,
              r.nextInt(16),
              conf);
      int n = tool.paramNames.size() + r.nextInt(3); // sometimes more than declared
      for (int a = 0; a < n; a++) {
        switch (r.nextInt(9)) {
          case 0:
            ValueEncoder.nullValue(args);
            break;
          case 1:
            ValueEncoder.booleanValue(args, r.nextBoolean());
            break;
          case 2:
            ValueEncoder.intValue(args, edges[r.nextInt(edges.length)]);
            break;
          case 3:
            ValueEncoder.longValue(args, edges[r.nextInt(edges.length)]);
            break;
          case 4:
            ValueEncoder.doubleValue(
                args, r.nextBoolean() ? r.nextDouble() * 1e12 : (double) (float) r.nextDouble());
            break;
          case 5:
            ValueEncoder.redacted(args, "secret.Type");
            break;
          case 6:
            ValueEncoder.unavailable(args, "toString threw ✗");
            break;
          default:
            boolean captured = r.nextBoolean();
            ValueEncoder.objectHead(
                args,
                Encoder.encodeStr("java.lang.String"),
                r.nextInt(3),
                r.nextLong(),
                r.nextLong(),
                r.nextInt(100),
                (r.nextBoolean() ? RecordFormat.VFLAG_PREVIEW_TRUNCATED : 0)
                    | (captured ? RecordFormat.VFLAG_CAPTURED : 0));
            args.str("préview " + r.nextInt(), 256);
            ValueEncoder.objectTail(
                args, r.nextBoolean() ? 0 : r.nextLong(), captured ? "{\"x\":1}" : null);
            break;
        }
      }
      w.arguments(n, args);
      if (error) {
        ValueEncoder.voidValue(w.buf());
        w.error("java.lang.IllegalStateException", "bad ✗ " + i, "at x\n\tat y");
      } else if (r.nextBoolean()) {
        ValueEncoder.longValue(w.buf(), edges[r.nextInt(edges.length)]);
      } else {
        ValueEncoder.voidValue(w.buf());
      }
      w.endCall(c);
    }
    return w.finish().toByteArray();
  }
}
