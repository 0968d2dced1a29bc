/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code /metrics}: the meter provider's current state in the Prometheus text format (0.0.4),
 * collected from the {@link PrometheusMetricReader} on each scrape. The text is rendered into
 * memory first, so a failure yields a 500 rather than a truncated scrape Prometheus would accept.
 */
final class MetricsHandler implements HttpHandler {
  private final List<PrometheusMetricReader> readers = new CopyOnWriteArrayList<>();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final java.util.function.Consumer<String> log;
  private volatile String lastError;

  MetricsHandler(PrometheusMetricReader reader, java.util.function.Consumer<String> log) {
    if (reader != null) {
      readers.add(reader);
    }
    this.log = log;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    if (!ex.getRequestURI().getPath().equals("/metrics")) {
      Responses.notFound(ex);
      return;
    }
    if (!Responses.readOnly(ex)) {
      return;
    }
    if (readers.isEmpty()) {
      Responses.text(ex, 404, "metrics are turned off");
      return;
    }
    byte[] body;
    try {
      MetricSnapshots snapshots = merged();
      ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
      writer.write(out, snapshots);
      body = out.toByteArray();
      lastError = null;
    } catch (RuntimeException | IOException | LinkageError e) {
      String msg = "metrics scrape failed: " + e;
      if (!msg.equals(lastError)) {
        lastError = msg;
        log.accept(msg);
      }
      Responses.text(ex, 500, msg);
      return;
    }
    Responses.send(ex, 200, PrometheusTextFormatWriter.CONTENT_TYPE, body);
  }

  void add(PrometheusMetricReader reader) {
    readers.add(reader);
  }

  void remove(PrometheusMetricReader reader) {
    readers.remove(reader);
  }

  /**
   * One scrape over every reader (the agent's own provider and the exporter's). A name that a later
   * reader repeats ({@code target_info}, with the same resource) is written once: the text format
   * allows one family per name.
   */
  private MetricSnapshots merged() {
    if (readers.size() == 1) {
      return withHelp(readers.get(0).collect());
    }
    MetricSnapshots.Builder all = MetricSnapshots.builder();
    for (PrometheusMetricReader r : readers) {
      for (MetricSnapshot s : withHelp(r.collect())) {
        if (!all.containsMetricName(s.getMetadata().getName())) {
          all.metricSnapshot(s);
        }
      }
    }
    return all.build();
  }

  /**
   * The reader writes {@code target_info} (the resource attributes) without a HELP line, which
   * {@code promtool check metrics} reports as a problem; add the help text the OpenTelemetry
   * specification gives it.
   */
  static MetricSnapshots withHelp(MetricSnapshots in) {
    MetricSnapshots.Builder out = MetricSnapshots.builder();
    for (MetricSnapshot s : in) {
      MetricMetadata md = s.getMetadata();
      if (s instanceof InfoSnapshot info && (md.getHelp() == null || md.getHelp().isEmpty())) {
        out.metricSnapshot(
            new InfoSnapshot(
                new MetricMetadata(md.getName(), "Target metadata"), info.getDataPoints()));
      } else {
        out.metricSnapshot(s);
      }
    }
    return out.build();
  }
}
