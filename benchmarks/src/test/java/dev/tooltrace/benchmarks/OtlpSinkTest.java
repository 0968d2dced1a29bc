/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The burst's drop counts rest on the receiver counting exactly what a real exporter sent. */
class OtlpSinkTest {
  @Test
  void countsSpansSentByTheOpenTelemetryExporter() throws Exception {
    try (OtlpSink sink = new OtlpSink(true)) {
      OtlpHttpSpanExporter exporter =
          OtlpHttpSpanExporter.builder()
              .setEndpoint("http://127.0.0.1:" + sink.port() + "/v1/traces")
              .setCompression("gzip")
              .build();
      SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
              .build();
      Tracer tracer = provider.get("test");
      for (int i = 0; i < 7; i++) {
        tracer.spanBuilder("call-" + i).startSpan().end();
      }
      CompletableResultCode flushed = provider.forceFlush().join(10, TimeUnit.SECONDS);
      assertTrue(flushed.isSuccess(), "the exporter got 200 from the sink");
      provider.shutdown().join(10, TimeUnit.SECONDS);
      assertEquals(7, sink.spans());
      assertEquals(1, sink.requests());
    }
  }

  @Test
  void withoutCountingItStillAcceptsButCountsNoSpans() throws Exception {
    try (OtlpSink sink = new OtlpSink(false)) {
      OtlpHttpSpanExporter exporter =
          OtlpHttpSpanExporter.builder()
              .setEndpoint("http://127.0.0.1:" + sink.port() + "/v1/traces")
              .build();
      SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .addSpanProcessor(SimpleSpanProcessor.create(exporter))
              .build();
      provider.get("test").spanBuilder("one").startSpan().end();
      assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess());
      provider.shutdown().join(10, TimeUnit.SECONDS);
      assertEquals(0, sink.spans());
      assertEquals(1, sink.requests());
    }
  }
}
