/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.it.otlp.receiver.OtlpReceiver;
import dev.tooltrace.it.otlp.receiver.OtlpReceiver.ReceivedLog;
import dev.tooltrace.it.otlp.receiver.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Queue to a real OTLP receiver over gRPC and HTTP/protobuf: spans, logs and metrics. */
class ExportPipelineTest {
  @TempDir Path dir;
  OtlpReceiver receiver;
  final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void exportsSpanTreeWithAttributesExceptionsLogsAndMetrics(String protocol) {
    String runId;
    try (TestQueue q = new TestQueue(dir)) {
      q.run();
      q.trees(3); // the third tree's classify call fails
      runId = q.runId();
    }
    try (ExportPipeline p =
        ExportPipeline.open(
            Receivers.settings(dir, receiver, protocol, log)
                .otelProperty("otel.exporter.otlp.headers", "x-tenant=acme")
                .otelProperty("otel.exporter.otlp.compression", "gzip")
                .build())) {
      assertTrue(p.runUntilDrained(Duration.ofSeconds(20)), "drained: " + p.status());
      p.flushMetrics();
      ExportStatus st = p.status();
      assertEquals(9, st.exportedCalls());
      assertEquals(0, st.lagRecords());
      assertTrue(st.committedIndex() != 0);
      assertTrue(!st.failing());
    }

    List<ReceivedSpan> spans = receiver.spans();
    assertEquals(9, spans.size());
    Map<String, ReceivedSpan> byId =
        spans.stream().collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity()));
    List<ReceivedSpan> roots = spans.stream().filter(s -> s.name().equals("pipeline")).toList();
    assertEquals(3, roots.size());
    for (ReceivedSpan root : roots) {
      assertEquals("", root.parentSpanId(), "a root has no parent");
    }
    for (ReceivedSpan s : spans) {
      assertEquals(Span.SpanKind.SPAN_KIND_INTERNAL, s.span().getKind());
      assertTrue(s.span().getEndTimeUnixNano() > s.span().getStartTimeUnixNano());
      if (!s.name().equals("pipeline")) {
        ReceivedSpan parent = byId.get(s.parentSpanId());
        assertNotNull(parent, "parent of " + s.name());
        assertEquals("pipeline", parent.name());
        assertEquals(parent.traceId(), s.traceId());
      }
      // Resource of ITS run (from the RUN document), not of the exporting process.
      assertEquals("doc-pipeline", s.resourceAttr("service.name"));
      assertEquals("test-host", s.resourceAttr("host.name"));
      assertEquals(4242L, s.resourceAttr("process.pid"));
      assertEquals("17", s.resourceAttr("process.runtime.version"));
      assertEquals(runId, s.resourceAttr("tooltrace.run.id"));
      assertEquals("opentelemetry", s.resourceAttr("telemetry.sdk.name"));
      assertEquals("java", s.resourceAttr("telemetry.sdk.language"));
      assertNull(s.resourceAttr("jdk.vendor"));
    }

    ReceivedSpan parse = spans.stream().filter(s -> s.name().equals("parse")).findFirst().get();
    assertEquals("com.example.Parser", parse.attr("code.namespace"));
    assertEquals("parse", parse.attr("code.function"));
    assertEquals("main", parse.attr("thread.name"));
    assertEquals(7L, parse.attr("thread.id"));
    assertEquals(runId, parse.attr("tooltrace.run.id"));
    assertEquals("parse", parse.attr("tooltrace.operation"));
    assertEquals("text", parse.attr("tooltrace.arg.0.name"));
    assertEquals("java.lang.String", parse.attr("tooltrace.arg.0.type"));
    assertEquals("hello world", parse.attr("tooltrace.arg.0.preview"));
    assertEquals(11L, parse.attr("tooltrace.arg.0.size"));
    assertEquals(32, ((String) parse.attr("tooltrace.arg.0.hash")).length());
    assertEquals("limit", parse.attr("tooltrace.arg.1.name"));
    assertEquals("int", parse.attr("tooltrace.arg.1.type"));
    assertEquals("100", parse.attr("tooltrace.arg.1.preview"));
    assertEquals("HELLO WORLD", parse.attr("tooltrace.return.preview"));
    assertEquals("java.lang.String", parse.attr("tooltrace.return.type"));
    assertEquals(0.93, parse.attr("tooltrace.confidence"));
    assertEquals("HIGH", parse.attr("tooltrace.quality"));
    assertEquals(
        2_000_000L, parse.span().getEndTimeUnixNano() - parse.span().getStartTimeUnixNano());

    List<ReceivedSpan> classify = spans.stream().filter(s -> s.name().equals("classify")).toList();
    ReceivedSpan ok =
        classify.stream()
            .filter(s -> s.span().getStatus().getCode() != Status.StatusCode.STATUS_CODE_ERROR)
            .findFirst()
            .get();
    assertEquals("LOW", ok.attr("tooltrace.quality"));
    assertEquals(byId.get(ok.parentSpanId()).name(), "pipeline");
    // Identity link: classify's argument was produced by the parse call of the same tree.
    String producer = (String) ok.attr("tooltrace.arg.0.producer");
    assertEquals("parse", byId.get(producer).name());
    ReceivedSpan failed =
        classify.stream()
            .filter(s -> s.span().getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR)
            .findFirst()
            .get();
    assertNull(failed.attr("tooltrace.confidence"));
    assertNull(failed.attr("tooltrace.return.preview"), "a failed call returned nothing");
    assertEquals(1, failed.span().getEventsCount());
    Span.Event ev = failed.span().getEvents(0);
    assertEquals("exception", ev.getName());
    List<KeyValue> ea = ev.getAttributesList();
    assertEquals("java.lang.IllegalStateException", OtlpReceiver.attr(ea, "exception.type"));
    assertEquals("model not loaded", OtlpReceiver.attr(ea, "exception.message"));
    assertTrue(
        ((String) OtlpReceiver.attr(ea, "exception.stacktrace")).contains("Classifier.java:42"));
    assertTrue(failed.span().getStatus().getMessage().contains("model not loaded"));

    // Logs: the one error, correlated with its span.
    List<ReceivedLog> logs = receiver.logRecords();
    assertEquals(1, logs.size());
    ReceivedLog l = logs.get(0);
    assertEquals(failed.spanId(), l.spanId());
    assertEquals(failed.traceId(), l.traceId());
    assertEquals(
        io.opentelemetry.proto.logs.v1.SeverityNumber.SEVERITY_NUMBER_ERROR,
        l.log().getSeverityNumber());
    assertEquals("java.lang.IllegalStateException", l.attr("exception.type"));
    assertEquals("model not loaded", l.attr("exception.message"));
    assertEquals(
        "doc-pipeline", OtlpReceiver.attr(l.resource().getAttributesList(), "service.name"));

    // Metrics, by the exact instrument names.
    assertEquals(3, counter("tooltrace.tool.calls", Map.of("tool", "parse", "outcome", "ok")));
    assertEquals(2, counter("tooltrace.tool.calls", Map.of("tool", "classify", "outcome", "ok")));
    assertEquals(
        1, counter("tooltrace.tool.calls", Map.of("tool", "classify", "outcome", "error")));
    assertEquals(
        1,
        counter(
            "tooltrace.tool.errors",
            Map.of("tool", "classify", "error_type", "java.lang.IllegalStateException")));
    assertEquals(3, counter("tooltrace.tool.quality", Map.of("tool", "parse", "tier", "HIGH")));
    assertEquals(2, counter("tooltrace.tool.quality", Map.of("tool", "classify", "tier", "LOW")));
    assertEquals(9, counter("tooltrace.records.exported", Map.of()));
    HistogramDataPoint d = histogram("tooltrace.tool.duration", Map.of("tool", "parse"));
    assertEquals(3, d.getCount());
    assertEquals(0.006, d.getSum(), 1e-9);
    assertEquals("s", receiver.lastMetric("tooltrace.tool.duration").getUnit());
    assertEquals(3, histogram("tooltrace.tool.confidence", Map.of("tool", "parse")).getCount());
    assertNotNull(receiver.lastMetric("tooltrace.export.lag"));
    assertNotNull(receiver.lastMetric("tooltrace.export.lag.records"));

    // Configuration from OTEL_EXPORTER_OTLP_* reached the wire.
    assertTrue(
        receiver.requestHeaders().stream().allMatch(h -> "acme".equals(h.get("x-tenant"))),
        receiver.requestHeaders()::toString);
    assertTrue(log.stream().anyMatch(x -> x.contains("exporting")), log::toString);
  }

  private long counter(String name, Map<String, String> attrs) {
    Metric m = receiver.lastMetric(name);
    assertNotNull(m, name);
    for (NumberDataPoint p : m.getSum().getDataPointsList()) {
      if (matches(p.getAttributesList(), attrs)) {
        return p.getAsInt();
      }
    }
    throw new AssertionError("no point " + attrs + " in " + m);
  }

  private HistogramDataPoint histogram(String name, Map<String, String> attrs) {
    Metric m = receiver.lastMetric(name);
    assertNotNull(m, name);
    for (HistogramDataPoint p : m.getHistogram().getDataPointsList()) {
      if (matches(p.getAttributesList(), attrs)) {
        return p;
      }
    }
    throw new AssertionError("no point " + attrs + " in " + m);
  }

  static boolean matches(List<KeyValue> kvs, Map<String, String> attrs) {
    if (kvs.size() != attrs.size()) {
      return false;
    }
    for (Map.Entry<String, String> e : attrs.entrySet()) {
      if (!e.getValue().equals(OtlpReceiver.attr(kvs, e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
