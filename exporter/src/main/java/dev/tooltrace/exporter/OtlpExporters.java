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
 * <p>Spans and logs go out as requests the pipeline encodes itself ({@link SpanEncoder}), through
 * the sender each exporter was built with ({@link SenderCapture}): {@link #spans} and {@link #logs}
 * are those senders as {@link OtlpChannel}s. Metrics go through the metric exporter as usual (a
 * periodic reader, a handful of points).
 *
 * <p>Providers are looked up with this class's loader: inside the agent that is the isolated agent
 * loader, which must serve {@code META-INF/services} entries.
 */
final class OtlpExporters {
  final OtlpChannel spans;
  final OtlpChannel logs;
  final MetricExporter metrics;
  final String description;
  private final SpanExporter spanExporter;
  private final LogRecordExporter logExporter;

  private OtlpExporters(
      OtlpChannel spans,
      OtlpChannel logs,
      MetricExporter metrics,
      String description,
      SpanExporter spanExporter,
      LogRecordExporter logExporter) {
    this.spans = spans;
    this.logs = logs;
    this.metrics = metrics;
    this.description = description;
    this.spanExporter = spanExporter;
    this.logExporter = logExporter;
  }

  static OtlpExporters create(ConfigProperties config) {
    SenderCapture capture = new SenderCapture();
    ConfigProperties capturing = capture.wrap(config);
    SpanExporter spanExporter =
        provider(
            config,
            "traces",
            ConfigurableSpanExporterProvider.class,
            ConfigurableSpanExporterProvider::getName,
            p -> p.createExporter(capturing));
    OtlpChannel spans = spanExporter == null ? null : required(capture.take("spans"), "traces");
    LogRecordExporter logExporter =
        provider(
            config,
            "logs",
            ConfigurableLogRecordExporterProvider.class,
            ConfigurableLogRecordExporterProvider::getName,
            p -> p.createExporter(capturing));
    OtlpChannel logs = logExporter == null ? null : required(capture.take("logs"), "logs");
    MetricExporter metrics =
        provider(
            config,
            "metrics",
            ConfigurableMetricExporterProvider.class,
            ConfigurableMetricExporterProvider::getName,
            p -> p.createExporter(capturing));
    capture.forget(); // the metric exporter keeps and uses its own sender
    String protocol = OtelConfig.tracesProtocol(config);
    String endpoint = OtelConfig.tracesEndpoint(config);
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
            + ")"
            + (spans != null ? ", sent by " + spans.senderName : "");
    return new OtlpExporters(spans, logs, metrics, description, spanExporter, logExporter);
  }

  private static OtlpChannel required(OtlpChannel c, String signal) {
    if (c == null) {
      throw new IllegalStateException(
          "the OTLP " + signal + " exporter built no sender through the sender SPI");
    }
    return c;
  }

  /**
   * Shuts the senders down (their connections and threads). The span and log exporters own the same
   * senders and have never exported: shutting them down too is what releases the rest.
   */
  void shutdownSignals() {
    if (spanExporter != null) {
      spanExporter.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS);
    }
    if (logExporter != null) {
      logExporter.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS);
    }
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
