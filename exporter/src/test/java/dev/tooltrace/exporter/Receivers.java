/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import dev.tooltrace.it.otlp.receiver.OtlpReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings that point a pipeline at a test receiver, with no environment leaking in. {@code
 * logLines} must be thread-safe (the pipeline may log from its own thread).
 */
final class Receivers {
  private Receivers() {}

  static ExportSettings.Builder settings(
      Path dir, OtlpReceiver receiver, String protocol, List<String> logLines) {
    String endpoint = protocol.equals("grpc") ? receiver.grpcEndpoint() : receiver.httpEndpoint();
    return ExportSettings.builder()
        .queueDir(dir)
        .readEnvironment(false)
        .otelProperty("otel.exporter.otlp.protocol", protocol)
        .otelProperty("otel.exporter.otlp.endpoint", endpoint)
        .otelProperty("otel.exporter.otlp.timeout", "2s")
        .otelProperty("otel.service.name", "exporter-test")
        .otelProperty("otel.metric.export.interval", "3600s")
        .initialBackoff(Duration.ofMillis(50))
        .maxBackoff(Duration.ofMillis(400))
        .pollInterval(Duration.ofMillis(20))
        .logger(logLines::add);
  }
}
