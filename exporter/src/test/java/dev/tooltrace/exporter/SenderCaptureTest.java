/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The senders the pipeline sends through are the OTLP exporters' own, built from the standard
 * settings: OTLP/HTTP on the JDK's HttpClient (when both it and OkHttp are present), gRPC on
 * OkHttp, and a signal set to {@code none} has no channel.
 */
class SenderCaptureTest {
  private static OtlpExporters exporters(Map<String, String> props) {
    return OtlpExporters.create(DefaultConfigProperties.createFromMap(props));
  }

  @Test
  void httpGoesThroughTheJdkSenderAndGrpcThroughOkHttp() {
    OtlpExporters http =
        exporters(
            Map.of(
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.exporter.otlp.endpoint", "http://127.0.0.1:1",
                "otel.metrics.exporter", "none"));
    try {
      assertEquals("JdkHttpSender", http.spans.senderName);
      assertEquals("JdkHttpSender", http.logs.senderName);
      assertNull(http.metrics);
    } finally {
      http.shutdownSignals();
    }
    OtlpExporters grpc =
        exporters(
            Map.of(
                "otel.exporter.otlp.protocol", "grpc",
                "otel.exporter.otlp.endpoint", "http://127.0.0.1:1",
                "otel.logs.exporter", "none",
                "otel.metrics.exporter", "none"));
    try {
      assertEquals("OkHttpGrpcSender", grpc.spans.senderName);
      assertNull(grpc.logs);
    } finally {
      grpc.shutdownSignals();
    }
  }

  @Test
  void ofSeveralProvidersTheJdkOneIsPreferredElseTheFirst() {
    Object okhttp = new Object();
    Object jdk = new io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider();
    assertEquals(List.of(jdk), SenderCapture.preferred(List.of(okhttp, jdk)));
    assertEquals(List.of(okhttp), SenderCapture.preferred(List.of(okhttp, "other")));
    assertEquals(List.of(okhttp), SenderCapture.preferred(List.of(okhttp)));
  }
}
