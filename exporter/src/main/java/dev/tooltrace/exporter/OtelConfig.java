/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.HashMap;
import java.util.Map;

/**
 * The OpenTelemetry configuration the exporter reads, through autoconfigure's own {@link
 * DefaultConfigProperties}: {@code OTEL_EXPORTER_OTLP_*} and friends mean exactly what they mean
 * for any OpenTelemetry SDK (environment and {@code otel.*} system properties, signal-specific keys
 * win over general ones).
 */
final class OtelConfig {
  private OtelConfig() {}

  /**
   * Our defaults, below anything the user sets. The SDK's own retry is off because the pipeline
   * retries the same batch itself (with backoff and one log line per state change); a user who sets
   * {@code OTEL_JAVA_EXPORTER_OTLP_RETRY_DISABLED=false} gets both.
   */
  static Map<String, String> defaults() {
    Map<String, String> d = new HashMap<>();
    d.put("otel.java.exporter.otlp.retry.disabled", "true");
    return d;
  }

  static ConfigProperties create(ExportSettings s) {
    ClassLoader loader = OtelConfig.class.getClassLoader();
    if (s.readEnvironment) {
      return DefaultConfigProperties.create(defaults(), ComponentLoader.forClassLoader(loader))
          .withOverrides(s.otelProperties);
    }
    Map<String, String> all = defaults();
    all.putAll(s.otelProperties);
    return DefaultConfigProperties.createFromMap(all);
  }

  /** The exporter name for a signal ({@code otel.traces.exporter} …), lower case. */
  static String exporterName(ConfigProperties c, String signal) {
    String v = c.getString("otel." + signal + ".exporter", "otlp");
    return v.trim().toLowerCase(java.util.Locale.ROOT);
  }

  /** The traces protocol by OpenTelemetry's rules (signal key, then general key, then grpc). */
  static String tracesProtocol(ConfigProperties c) {
    return c.getString(
        "otel.exporter.otlp.traces.protocol", c.getString("otel.exporter.otlp.protocol", "grpc"));
  }

  /**
   * The traces endpoint by OpenTelemetry's rules: the signal key, then the general key, then the
   * default port of the protocol on localhost.
   */
  static String tracesEndpoint(ConfigProperties c) {
    return c.getString(
        "otel.exporter.otlp.traces.endpoint",
        c.getString(
            "otel.exporter.otlp.endpoint",
            "http/protobuf".equals(tracesProtocol(c))
                ? "http://localhost:4318"
                : "http://localhost:4317"));
  }
}
