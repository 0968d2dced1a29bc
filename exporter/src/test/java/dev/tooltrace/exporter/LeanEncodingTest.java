/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.CallView;
import dev.tooltrace.record.CallViewVisitor;
import dev.tooltrace.record.ContentHasher;
import dev.tooltrace.record.DocumentReader;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunRecord;
import dev.tooltrace.record.testing.FixtureCall;
import dev.tooltrace.record.testing.FixtureValue;
import dev.tooltrace.record.testing.QueueFixture;
import dev.tooltrace.record.testing.RunFixture;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.openhft.chronicle.queue.ExcerptTailer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lean path (record bytes → {@link SpanEncoder} → protobuf) against the SDK's path (record →
 * {@link CallMapper} → {@code SpanData}/{@code LogRecordData} → the OpenTelemetry exporter's own
 * marshaler), on calls with every value kind, edge value and flag, two interleaved runs, and
 * failures: the decoded requests are equal, resource by resource and span by span. Attribute order
 * is the only freedom (the SDK sorts keys, the lean path writes them in {@link SpanAttributes}
 * order), so attributes are compared as maps.
 */
class LeanEncodingTest {
  @TempDir Path dir;

  static final long OBSERVED = 1_700_000_000_123_456_789L;

  @ParameterizedTest(name = "GenAI conventions: {0}")
  @ValueSource(booleans = {false, true})
  void spansAndErrorLogsEqualTheSdkMarshalersOutput(boolean genAi) throws Exception {
    write();
    QualityTiers tiers = new QualityTiers(0.8, 0.5);
    RunResources resources = new RunResources(base());
    CallMapper mapper = new CallMapper(tiers, genAi);
    SpanEncoder encoder = new SpanEncoder(tiers, genAi);
    byte[] scope = RequestBuilder.scopeField(CallMapper.SCOPE.getName(), Versions.TOOLTRACE);
    RequestBuilder spans = new RequestBuilder(scope);
    RequestBuilder logs = new RequestBuilder(scope);
    List<SpanData> sdkSpans = new ArrayList<>();
    List<LogRecordData> sdkLogs = new ArrayList<>();

    try (QueueFixture q = QueueFixture.create(dir)) {
      read(
          q,
          new RecordVisitor() {
            @Override
            public void onRun(RunRecord run) {
              resources.onRun(run);
            }

            @Override
            public void onCall(CallRecord c) {
              io.opentelemetry.sdk.resources.Resource r = resources.forRun(c.runId());
              sdkSpans.add(mapper.span(c, r));
              if (c.error()) {
                sdkLogs.add(mapper.errorLog(c, r, OBSERVED));
              }
            }
          });
      read(
          q,
          new CallViewVisitor() {
            @Override
            public void onRun(RunRecord run) {
              resources.onRun(run);
            }

            @Override
            public void onCallView(CallView c) {
              encoder.span(spans.items(c.runIdHi(), c.runIdLo()), c);
              spans.added();
              if (c.error()) {
                encoder.errorLog(logs.items(c.runIdHi(), c.runIdLo()), c, OBSERVED);
                logs.added();
              }
            }
          });
    }
    assertEquals(9, sdkSpans.size());
    assertEquals(sdkSpans.size(), spans.itemCount());

    ExportTraceServiceRequest sdk =
        ExportTraceServiceRequest.parseFrom(bytes(TraceRequestMarshaler.create(sdkSpans)));
    ExportTraceServiceRequest lean = ExportTraceServiceRequest.parseFrom(spans.build(resources));
    assertSameText("spans", normalize(sdk), normalize(lean));
    assertEquals(2, lean.getResourceSpansCount(), "one resource block per run");
    List<Span> all = new ArrayList<>();
    lean.getResourceSpansList()
        .forEach(rs -> rs.getScopeSpansList().forEach(ss -> all.addAll(ss.getSpansList())));
    long withArguments =
        all.stream()
            .filter(
                sp ->
                    sp.getAttributesList().stream()
                        .anyMatch(kv -> kv.getKey().equals("gen_ai.tool.call.arguments")))
            .count();
    assertEquals(
        genAi ? all.size() : 0, withArguments, "GenAI arguments on every span iff opted in");
    assertEquals(genAi, all.stream().allMatch(sp -> sp.getName().startsWith("execute_tool ")));

    assertEquals(2, sdkLogs.size());
    ExportLogsServiceRequest sdkL =
        ExportLogsServiceRequest.parseFrom(bytes(LogsRequestMarshaler.create(sdkLogs)));
    ExportLogsServiceRequest leanL = ExportLogsServiceRequest.parseFrom(logs.build(resources));
    assertSameText("logs", normalizeLogs(sdkL), normalizeLogs(leanL));
  }

  /** Equal texts, or both written under target/ (one entry a line) to diff, and a failure. */
  static void assertSameText(String what, Map<String, Object> expected, Map<String, Object> actual)
      throws java.io.IOException {
    String e = lines(expected);
    String a = lines(actual);
    if (!e.equals(a)) {
      java.nio.file.Files.writeString(Path.of("target", "lean-" + what + "-sdk.txt"), e);
      java.nio.file.Files.writeString(Path.of("target", "lean-" + what + "-lean.txt"), a);
    }
    assertEquals(e, a, what + " differ: diff target/lean-" + what + "-{sdk,lean}.txt");
  }

  private static String lines(Object o) {
    if (o instanceof Map) {
      StringBuilder sb = new StringBuilder();
      ((Map<?, ?>) o).forEach((k, v) -> sb.append(k).append(" =\n").append(lines(v)).append('\n'));
      return sb.toString();
    }
    if (o instanceof List) {
      StringBuilder sb = new StringBuilder();
      ((List<?>) o).forEach(v -> sb.append(lines(v)).append('\n'));
      return sb.toString();
    }
    return "  " + String.valueOf(o).replace("\n", "\n  ");
  }

  private static byte[] bytes(io.opentelemetry.exporter.internal.marshal.Marshaler m)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeBinaryTo(out);
    return out.toByteArray();
  }

  private static void read(QueueFixture q, RecordVisitor v) {
    DocumentReader r = new DocumentReader(v);
    try (ExcerptTailer t = q.queue().createTailer()) {
      while (r.next(t)) {
        // every document
      }
    }
  }

  private static io.opentelemetry.sdk.resources.Resource base() {
    return io.opentelemetry.sdk.resources.Resource.getDefault().toBuilder()
        .put("service.name", "lean-test")
        .put(io.opentelemetry.api.common.AttributeKey.stringArrayKey("x.list"), List.of("a", ""))
        .put(io.opentelemetry.api.common.AttributeKey.doubleKey("x.ratio"), 0.25)
        .put(io.opentelemetry.api.common.AttributeKey.booleanKey("x.flag"), true)
        .build();
  }

  /** Two runs (one with a RUN document, one without), calls of every shape, interleaved. */
  private void write() {
    try (QueueFixture q = QueueFixture.create(dir)) {
      RunFixture a = q.run(0x1111, 0x2222);
      RunFixture b = q.run(0x3333, 0x4444);
      a.start(1_000, 4242, "{\"service.name\":\"app-a\",\"host.name\":\"h\",\"x\":1}");
      ContentHasher partial = new ContentHasher().putLong(5).finish();
      a.calls(
          7,
          "main",
          FixtureCall.of("parse")
              .trace(0xA1, 0xA2)
              .span(0x10)
              .parent(0x20)
              .start(1_000_000)
              .duration(2_000)
              .confidence(0.93)
              .arg("text", FixtureValue.ofString("hello wörld ✓"))
              .arg("limit", FixtureValue.ofInt(-100))
              .arg("empty", FixtureValue.ofString(""))
              .returns(FixtureValue.ofString("HELLO")),
          FixtureCall.of("score")
              .trace(0xA1, 0xA2)
              .span(0x11)
              .parent(0x20)
              .start(1_100_000)
              .duration(3_000)
              .confidence(0.6)
              .flags(RecordFormat.FLAG_ASYNC)
              .arg("b", FixtureValue.ofBoolean(true))
              .arg("l", FixtureValue.ofLong(Long.MIN_VALUE))
              .arg("d", FixtureValue.ofDouble(1.5e-7))
              .arg("n", FixtureValue.nullValue("java.lang.String"))
              .arg("r", FixtureValue.redacted("secret.Key"))
              .arg("u", FixtureValue.unavailable("java.lang.Object", "toString threw"))
              .arg("o", FixtureValue.identityOnly("ex.Bean", "Bean@1").producedBy(0x10))
              .arg("p", FixtureValue.object("java.util.List", partial, 1_000_000, "[1, 2"))
              .returns(FixtureValue.ofDouble(Double.NaN)),
          FixtureCall.of("classify")
              .trace(0xA1, 0xA2)
              .span(0x12)
              .parent(0x20)
              .start(1_200_000)
              .duration(1_000)
              .confidence(0.1)
              .arg("doc", FixtureValue.ofString("x").producedBy(0x10))
              .fails("java.lang.IllegalStateException", "model not loaded", "at a\n\tat b"),
          FixtureCall.of("pipeline").trace(0xA1, 0xA2).span(0x20).start(999_000).duration(9_000));
      FixtureCall wide = FixtureCall.of("wide").trace(0xB1, 0xB2).span(0x30).duration(5);
      for (int i = 0; i < 20; i++) {
        wide.arg("a" + i, FixtureValue.ofInt(i));
      }
      b.calls(
          8,
          "",
          wide,
          FixtureCall.of("rejected")
              .trace(0xB1, 0xB2)
              .span(0x31)
              .parent(0x30)
              .flags(RecordFormat.FLAG_CONFIDENCE_REJECTED)
              .operation("")
              .fails("java.io.IOException", ""),
          FixtureCall.of("chars")
              .trace(0xB1, 0xB2)
              .span(0x32)
              .confidence(0.5)
              .arg("c", FixtureValue.of('é'))
              .arg("f", FixtureValue.of(2.5f))
              .arg("s", FixtureValue.of((short) -3))
              .returns(FixtureValue.of(Boolean.FALSE)));
      a.calls(
          10,
          "json",
          FixtureCall.of("quote")
              .trace(0xD1, 0xD2)
              .span(0x50)
              .arg("q", FixtureValue.ofString("say \"hi\"\\ \n\t\r\u0001 ✓"))
              .arg("s", FixtureValue.of('\uD800'))
              .arg("t", FixtureValue.of('"'))
              .arg("f", FixtureValue.of(0.1f))
              .arg("big", FixtureValue.ofDouble(1e23))
              .arg("z", FixtureValue.of(Boolean.TRUE))
              .returns(FixtureValue.ofDouble(Double.POSITIVE_INFINITY)));
      a.calls(
          9,
          "worker-1",
          FixtureCall.of("parse")
              .trace(0xC1, 0xC2)
              .span(0x40)
              .confidence(0.8)
              .returns(FixtureValue.nullValue("java.lang.String")));
    }
  }

  /** Resource blocks by run id, spans by span id, attributes as maps. */
  static Map<String, Object> normalize(ExportTraceServiceRequest r) {
    Map<String, Object> out = new TreeMap<>();
    for (ResourceSpans rs : r.getResourceSpansList()) {
      String run = String.valueOf(OtlpReceiverAttrs.of(rs.getResource().getAttributesList()));
      Map<String, Object> block = new TreeMap<>();
      block.put("resource", normalize(rs.getResource()));
      block.put("schema", rs.getSchemaUrl());
      rs.getScopeSpansList()
          .forEach(
              ss -> {
                block.put("scope", ss.getScope().toString());
                for (Span s : ss.getSpansList()) {
                  Span.Builder b = s.toBuilder().clearAttributes().clearEvents();
                  List<Object> events = new ArrayList<>();
                  s.getEventsList()
                      .forEach(
                          e ->
                              events.add(
                                  List.of(
                                      e.toBuilder().clearAttributes().build().toString(),
                                      OtlpReceiverAttrs.of(e.getAttributesList()))));
                  block.put(
                      HexFormat.of().formatHex(s.getSpanId().toByteArray()) + "/" + s.getName(),
                      List.of(
                          b.build().toString(),
                          OtlpReceiverAttrs.of(s.getAttributesList()),
                          events));
                }
              });
      out.put(run, block);
    }
    return out;
  }

  static Map<String, Object> normalizeLogs(ExportLogsServiceRequest r) {
    Map<String, Object> out = new TreeMap<>();
    for (ResourceLogs rl : r.getResourceLogsList()) {
      Map<String, Object> block = new TreeMap<>();
      block.put("resource", normalize(rl.getResource()));
      rl.getScopeLogsList()
          .forEach(
              sl -> {
                block.put("scope", sl.getScope().toString());
                for (LogRecord l : sl.getLogRecordsList()) {
                  block.put(
                      HexFormat.of().formatHex(l.getSpanId().toByteArray()),
                      List.of(
                          l.toBuilder().clearAttributes().build().toString(),
                          OtlpReceiverAttrs.of(l.getAttributesList())));
                }
              });
      out.put(String.valueOf(OtlpReceiverAttrs.of(rl.getResource().getAttributesList())), block);
    }
    return out;
  }

  static Object normalize(Resource r) {
    return List.of(
        r.toBuilder().clearAttributes().build().toString(),
        OtlpReceiverAttrs.of(r.getAttributesList()));
  }

  /** Attributes as a sorted map of key to the whole encoded value (presence included). */
  static final class OtlpReceiverAttrs {
    static Map<String, String> of(List<KeyValue> kvs) {
      Map<String, String> m = new TreeMap<>();
      for (KeyValue kv : kvs) {
        m.put(kv.getKey(), kv.getValue().toString() + "|" + kv.hasValue());
      }
      assertEquals(kvs.size(), m.size(), "no key twice");
      return m;
    }
  }
}
