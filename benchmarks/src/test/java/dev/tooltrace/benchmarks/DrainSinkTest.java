/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The drain's receiver counts exactly the spans real exporters send, over HTTP and gRPC. */
class DrainSinkTest {
  @Test
  void theWireScanCountsWhatTheProtobufClassesDecode() {
    ExportTraceServiceRequest.Builder req = ExportTraceServiceRequest.newBuilder();
    int expected = 0;
    for (int r = 0; r < 3; r++) {
      ResourceSpans.Builder rs =
          ResourceSpans.newBuilder()
              .setResource(
                  Resource.newBuilder()
                      .addAttributes(
                          KeyValue.newBuilder()
                              .setKey("service.name")
                              .setValue(AnyValue.newBuilder().setStringValue("s" + r))))
              .setSchemaUrl("https://example.com/" + r);
      for (int s = 0; s <= r; s++) {
        ScopeSpans.Builder ss = ScopeSpans.newBuilder();
        for (int i = 0; i < 5 + r; i++) {
          ss.addSpans(
              Span.newBuilder()
                  .setName("span " + i)
                  .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) i}))
                  .setStartTimeUnixNano(1_000 + i)
                  .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
                  .setFlags(0x101));
          expected++;
        }
        rs.addScopeSpans(ss);
      }
      req.addResourceSpans(rs);
    }
    byte[] b = req.build().toByteArray();
    assertEquals(expected, SpanCounter.count(b, b.length));
    assertEquals(0, SpanCounter.count(new byte[0], 0));
    assertThrows(IllegalArgumentException.class, () -> SpanCounter.count(b, b.length - 3));
  }

  @Test
  void countsSpansOfTheSdksHttpAndGrpcExporters() throws Exception {
    try (DrainSink sink = new DrainSink()) {
      send(
          OtlpHttpSpanExporter.builder()
              .setEndpoint("http://127.0.0.1:" + sink.httpPort() + "/v1/traces")
              .setCompression("gzip")
              .build(),
          7);
      assertEquals(7, sink.spans());
      send(
          OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + sink.grpcPort()).build(),
          11);
      assertEquals(18, sink.spans());
      assertTrue(sink.requests() >= 2);
    }
  }

  private static void send(SpanExporter exporter, int spans) {
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
            .build();
    Tracer tracer = provider.get("test");
    for (int i = 0; i < spans; i++) {
      tracer.spanBuilder("call-" + i).startSpan().end();
    }
    assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess());
    provider.shutdown().join(10, TimeUnit.SECONDS);
  }
}
