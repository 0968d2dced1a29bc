/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.concurrent.TimeUnit;

/**
 * The drain benchmark's peer: the OpenTelemetry SDK creating and exporting {@code spans} spans
 * shaped like {@link DrainApp}'s (pipelines of three, the same span names, about as many attributes
 * of the same sizes as tooltrace puts on its spans, an exception event every third pipeline)
 * through its standard pipeline, a {@link BatchSpanProcessor} with default batch size and an OTLP
 * exporter to the same receiver. The processor's queue holds every span, so none is dropped; it
 * exports one request at a time, which is the SDK's design. CPU and wall time are measured outside
 * (the whole JVM, as for {@code export --until-drained}); the receiver times the window between its
 * first and last request.
 *
 * <p>Arguments: {@code spans=N protocol=http|grpc endpoint=URL}.
 */
public final class DrainSdk {
  private DrainSdk() {}

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    long spans = a.number("spans", 300_000);
    String protocol = a.text("protocol", "http");
    String endpoint = a.text("endpoint", "http://127.0.0.1:4318");
    SpanExporter exporter =
        protocol.equals("grpc")
            ? OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build()
            : OtlpHttpSpanExporter.builder().setEndpoint(endpoint + "/v1/traces").build();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(Resource.getDefault().toBuilder().put("service.name", "drain-sdk").build())
            .addSpanProcessor(
                BatchSpanProcessor.builder(exporter)
                    .setMaxQueueSize((int) Math.min(Integer.MAX_VALUE - 8, spans + 1024))
                    .build())
            .build();
    Tracer tracer = provider.get("dev.tooltrace.benchmarks", "1");
    String base = "the quick brown fox jumps over the lazy dog, document number ";
    Attributes common =
        Attributes.builder()
            .put("code.namespace", "dev.tooltrace.benchmarks.DrainApp")
            .put("thread.name", "main")
            .put("thread.id", 1L)
            .put("tooltrace.run.id", "0123456789abcdef0123456789abcdef")
            .build();
    long pipelines = spans / 3;
    for (long i = 0; i < pipelines; i++) {
      String doc = base.substring(0, 48) + (1_000_000_000L + i);
      Span root =
          tracer
              .spanBuilder("ingest")
              .setAllAttributes(common)
              .setAttribute("code.function", "ingest")
              .setAttribute("tooltrace.operation", "ingest")
              .startSpan();
      Context ctx = Context.current().with(root);
      value(tracer.spanBuilder("parse").setParent(ctx), 0, "text", doc)
          .setAllAttributes(common)
          .setAttribute("code.function", "parse")
          .setAttribute("tooltrace.operation", "parse")
          .setAttribute("tooltrace.arg.1.name", "limit")
          .setAttribute("tooltrace.arg.1.type", "int")
          .setAttribute("tooltrace.arg.1.preview", Long.toString(48 + i % 16))
          .setAttribute("tooltrace.arg.1.hash", "0123456789abcdef0123456789abcdef")
          .setAttribute("tooltrace.arg.1.size", 1L)
          .setAttribute("tooltrace.return.type", "java.lang.String")
          .setAttribute("tooltrace.return.preview", doc.substring(0, 48))
          .setAttribute("tooltrace.return.hash", "0123456789abcdef0123456789abcdef")
          .setAttribute("tooltrace.return.size", 48L)
          .startSpan()
          .end();
      Span classify =
          value(tracer.spanBuilder("classify").setParent(ctx), 0, "text", doc.substring(0, 48))
              .setAllAttributes(common)
              .setAttribute("code.function", "classify")
              .setAttribute("tooltrace.operation", "classify")
              .setAttribute("tooltrace.confidence", 0.55)
              .setAttribute("tooltrace.quality", "MEDIUM")
              .startSpan();
      if (i % 3 == 2) {
        IllegalStateException e = new IllegalStateException("model not loaded");
        classify.recordException(e);
        classify.setStatus(StatusCode.ERROR, "java.lang.IllegalStateException: model not loaded");
      } else {
        classify.setAttribute("tooltrace.return.type", "java.lang.String");
        classify.setAttribute("tooltrace.return.preview", "even");
      }
      classify.end();
      root.end();
    }
    provider.forceFlush().join(10, TimeUnit.MINUTES);
    provider.shutdown().join(1, TimeUnit.MINUTES);
    System.out.println(pipelines * 3);
  }

  private static io.opentelemetry.api.trace.SpanBuilder value(
      io.opentelemetry.api.trace.SpanBuilder b, int i, String name, String text) {
    String p = "tooltrace.arg." + i + ".";
    return b.setAttribute(p + "name", name)
        .setAttribute(p + "type", "java.lang.String")
        .setAttribute(p + "preview", text)
        .setAttribute(p + "hash", "fedcba9876543210fedcba9876543210")
        .setAttribute(AttributeKey.longKey(p + "size"), (long) text.length());
  }
}
