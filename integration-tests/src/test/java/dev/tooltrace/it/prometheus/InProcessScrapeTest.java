/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tooltrace.agent.http.AgentHttpServer;
import dev.tooltrace.agent.telemetry.AgentMetrics;
import dev.tooltrace.agent.telemetry.MeterSetup;
import dev.tooltrace.agent.telemetry.SystemMetrics;
import dev.tooltrace.agent.telemetry.health.HealthRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.resources.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus scraping the agent's HTTP endpoint and meter plumbing, run in this JVM and fed
 * the per-tool instruments the way the exporter records them (one tool fails 40% of its calls).
 * Proves the series names the dashboard and alert rules use are the ones the OpenTelemetry
 * Prometheus exporter really produces, and that the error-rate alert reacts.
 */
class InProcessScrapeTest {
  private static final AttributeKey<String> TOOL = AttributeKey.stringKey("tool");
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");

  private static Path queue;
  private static MeterSetup meters;
  private static AgentHttpServer endpoint;
  private static PrometheusServer prometheus;
  private static Thread feeder;
  private static volatile boolean stop;

  @BeforeAll
  static void start() throws Exception {
    queue = Files.createTempDirectory("tooltrace-it-queue-");
    Files.write(queue.resolve("20260101-00.cq4"), new byte[1 << 16]);
    meters = MeterSetup.create(Resource.getDefault(), List.of(), null);
    List<String> log = new ArrayList<>();
    SystemMetrics.register(meters.meter(), queue, log::add);
    AtomicLong written = new AtomicLong();
    AgentMetrics.register(
        meters.meter(),
        new AgentMetrics.Sources(
            written::get, () -> written.get() / 2, () -> 0, () -> 1.5, () -> 3));
    Meter exporterMeter = meters.provider().get("dev.tooltrace.exporter");
    feeder = new Thread(() -> feed(exporterMeter, written), "tool-feeder");
    feeder.setDaemon(true);
    feeder.start();
    endpoint =
        new AgentHttpServer(
            "127.0.0.1", 0, new HealthRegistry(), meters.prometheusReader(), log::add);
    assertTrue(endpoint.start(), log.toString());
    prometheus =
        PrometheusServer.start(
            List.of("127.0.0.1:" + endpoint.port()),
            List.of(Repo.observability().resolve("prometheus/tooltrace-alerts.yml")));
  }

  private static void feed(Meter m, AtomicLong written) {
    LongCounter calls = m.counterBuilder("tooltrace.tool.calls").setUnit("{call}").build();
    LongCounter errors = m.counterBuilder("tooltrace.tool.errors").setUnit("{error}").build();
    DoubleHistogram duration = m.histogramBuilder("tooltrace.tool.duration").setUnit("s").build();
    DoubleHistogram confidence =
        m.histogramBuilder("tooltrace.tool.confidence").setUnit("1").build();
    LongCounter quality = m.counterBuilder("tooltrace.tool.quality").setUnit("{call}").build();
    // capture.cost's histograms, as the exporter builds them (name, unit).
    DoubleHistogram cpu = m.histogramBuilder("tooltrace.tool.cpu").setUnit("s").build();
    DoubleHistogram allocated =
        m.histogramBuilder("tooltrace.tool.allocated").setUnit("By").build();
    long i = 0;
    while (!stop) {
      for (String tool : List.of("parse", "classify")) {
        boolean fail = tool.equals("classify") && i % 5 < 2;
        calls.add(1, Attributes.of(TOOL, tool, OUTCOME, fail ? "error" : "ok"));
        if (fail) {
          errors.add(
              1,
              Attributes.of(
                  TOOL,
                  tool,
                  AttributeKey.stringKey("error_type"),
                  "java.lang.IllegalStateException"));
        }
        duration.record(0.001 * (1 + i % 50), Attributes.of(TOOL, tool));
        cpu.record(0.0005 * (1 + i % 20), Attributes.of(TOOL, tool));
        allocated.record(1024.0 * (1 + i % 100), Attributes.of(TOOL, tool));
        double c = (i % 10) / 10.0;
        confidence.record(c, Attributes.of(TOOL, tool));
        quality.add(
            1,
            Attributes.of(
                TOOL,
                tool,
                AttributeKey.stringKey("tier"),
                c >= 0.8 ? "high" : c >= 0.5 ? "medium" : "low"));
        written.incrementAndGet();
      }
      i++;
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    stop = true;
    if (prometheus != null) {
      prometheus.close();
    }
    if (endpoint != null) {
      endpoint.close();
    }
    if (meters != null) {
      meters.close();
    }
    if (feeder != null) {
      feeder.join(5000);
    }
    PrometheusServer.deleteTree(queue);
  }

  @Test
  void prometheusScrapesTheEndpointAndSeesTheDocumentedSeries() throws Exception {
    JsonNode up = prometheus.awaitData("up{job=\"tooltrace\"} == 1", Duration.ofSeconds(60));
    assertFalse(up.isEmpty(), "target never up: " + prometheus.targets() + "\n" + prometheus.log());
    JsonNode calls =
        prometheus.awaitData(
            "sum by (tool) (tooltrace_tool_calls_total{outcome=\"error\"})",
            Duration.ofSeconds(30));
    assertEquals(1, calls.size(), calls.toString());
    assertEquals("classify", calls.get(0).path("metric").path("tool").asText());
    JsonNode queueSize = prometheus.awaitData("tooltrace_queue_size_bytes", Duration.ofSeconds(30));
    assertEquals(65536.0, queueSize.get(0).path("value").get(1).asDouble());
    JsonNode p99 =
        prometheus.awaitData(
            "histogram_quantile(0.99, sum by (tool, le) (rate(tooltrace_tool_duration_seconds_bucket[30s])))",
            Duration.ofSeconds(30));
    assertEquals(2, p99.size(), p99.toString());
    for (JsonNode s : p99) {
      double v = s.path("value").get(1).asDouble();
      assertTrue(v > 0.01 && v <= 0.1, "p99 " + v + " outside the recorded 1..50 ms: " + s);
    }
  }

  @Test
  void everyDashboardPanelQueryReturnsData() throws Exception {
    prometheus.awaitData("up{job=\"tooltrace\"} == 1", Duration.ofSeconds(60));
    List<String> empty = new ArrayList<>();
    for (Dashboard.Query q : Dashboard.queries("10s")) {
      JsonNode r = prometheus.awaitData(q.expr(), Duration.ofSeconds(30));
      if (r.isEmpty()) {
        empty.add(q.panel() + " [" + q.refId() + "]: " + q.expr());
      }
    }
    assertTrue(empty.isEmpty(), "panels without data:\n" + String.join("\n", empty));
  }

  @Test
  void errorRateAlertGoesPendingForTheFailingToolOnly() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode hit = null;
    while (hit == null && System.nanoTime() < deadline) {
      for (JsonNode a : prometheus.alerts()) {
        if (a.path("labels").path("alertname").asText().equals("TooltraceToolErrorRateHigh")) {
          assertEquals("classify", a.path("labels").path("tool").asText(), a.toString());
          hit = a;
        }
      }
      Thread.sleep(500);
    }
    assertTrue(hit != null, "TooltraceToolErrorRateHigh never pending: " + prometheus.alerts());
    assertTrue(List.of("pending", "firing").contains(hit.path("state").asText()), hit.toString());
  }
}
