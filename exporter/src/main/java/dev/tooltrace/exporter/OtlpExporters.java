/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Creates the OTLP span, log and metric exporters through autoconfigure's provider SPI, so that
 * protocol ({@code grpc} | {@code http/protobuf}), endpoint, headers, timeout, compression,
 * certificates and retry follow OpenTelemetry's own rules and defaults (gRPC on localhost:4317). A
 * signal whose {@code OTEL_<SIGNAL>_EXPORTER} is {@code none} gets no exporter: a traces-only
 * backend such as Jaeger then does not stall the pipeline on logs.
 *
 * <p>Providers are looked up with this class's loader: inside the agent that is the isolated agent
 * loader, which must serve {@code META-INF/services} entries.
 */
final class OtlpExporters {
  final SpanExporter spans;
  final LogRecordExporter logs;
  final MetricExporter metrics;
  final String description;

  private OtlpExporters(
      SpanExporter spans, LogRecordExporter logs, MetricExporter metrics, String description) {
    this.spans = spans;
    this.logs = logs;
    this.metrics = metrics;
    this.description = description;
  }

  static OtlpExporters create(ConfigProperties config) {
    SpanExporter spans =
        provider(
            config,
            "traces",
            ConfigurableSpanExporterProvider.class,
            ConfigurableSpanExporterProvider::getName,
            p -> p.createExporter(config));
    LogRecordExporter logs =
        provider(
            config,
            "logs",
            ConfigurableLogRecordExporterProvider.class,
            ConfigurableLogRecordExporterProvider::getName,
            p -> p.createExporter(config));
    MetricExporter metrics =
        provider(
            config,
            "metrics",
            ConfigurableMetricExporterProvider.class,
            ConfigurableMetricExporterProvider::getName,
            p -> p.createExporter(config));
    String protocol = config.getString("otel.exporter.otlp.protocol", "grpc");
    String endpoint =
        config.getString(
            "otel.exporter.otlp.endpoint",
            "http/protobuf".equals(protocol) ? "http://localhost:4318" : "http://localhost:4317");
    String description =
        "OTLP "
            + protocol
            + " to "
            + endpoint
            + " (traces "
            + (spans != null ? "on" : "off")
            + ", logs "
            + (logs != null ? "on" : "off")
            + ", metrics "
            + (metrics != null ? "on" : "off")
            + ")";
    return new OtlpExporters(spans, logs, metrics, description);
  }

  private static <P, E> E provider(
      ConfigProperties config,
      String signal,
      Class<P> type,
      Function<P, String> name,
      Function<P, E> create) {
    String wanted = OtelConfig.exporterName(config, signal);
    if (wanted.equals("none")) {
      return null;
    }
    if (!wanted.equals("otlp")) {
      throw new IllegalArgumentException(
          "otel." + signal + ".exporter=" + wanted + " is not supported (use otlp or none)");
    }
    for (P p : ServiceLoader.load(type, OtlpExporters.class.getClassLoader())) {
      if ("otlp".equals(name.apply(p))) {
        return create.apply(p);
      }
    }
    throw new IllegalStateException(
        "no OTLP " + signal + " exporter provider on the class path (" + type.getName() + ")");
  }
}
