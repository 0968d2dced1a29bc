/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tooltrace.it.otlp.receiver.OtlpReceiver;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent in a forked app with an often-failing tool, exporting to a real OTLP receiver,
 * scraped by a real Prometheus that evaluates the shipped alert rules: the series, every dashboard
 * panel and the error-rate alert, end to end.
 */
class ForkedAgentPrometheusTest {
  private static Path queue;
  private static OtlpReceiver receiver;
  private static AgentProcess app;
  private static PrometheusServer prometheus;

  @BeforeAll
  static void start() throws Exception {
    queue = Files.createTempDirectory("tooltrace-it-prom-");
    receiver = OtlpReceiver.start();
    app =
        AgentProcess.start(
            queue.resolve("q"),
            "sample.interval=1s,capture.cost=true",
            List.of(
                "-Dotel.exporter.otlp.endpoint=" + receiver.grpcEndpoint(),
                "-Dotel.metric.export.interval=2000"));
    prometheus =
        PrometheusServer.start(
            List.of("127.0.0.1:" + app.port()),
            List.of(Repo.observability().resolve("prometheus/tooltrace-alerts.yml")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
    if (app != null) {
      app.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    PrometheusServer.deleteTree(queue);
  }

  @Test
  void promQlReturnsTheToolSeriesWithTheRightErrorShare() throws Exception {
    JsonNode up = prometheus.awaitData("up{job=\"tooltrace\"} == 1", Duration.ofSeconds(60));
    assertFalse(up.isEmpty(), "not scraped: " + prometheus.targets() + "\n" + app.stderr());
    JsonNode share =
        prometheus.awaitData(
            "sum by (tool) (tooltrace_tool_calls_total{outcome=\"error\"})"
                + " / sum by (tool) (tooltrace_tool_calls_total)",
            Duration.ofSeconds(60));
    assertEquals(1, share.size(), "only obs.flaky fails: " + share);
    assertEquals("obs.flaky", share.get(0).path("metric").path("tool").asText());
    double ratio = share.get(0).path("value").get(1).asDouble();
    assertTrue(ratio > 0.3 && ratio < 0.5, "obs.flaky fails 2 calls in 5, got " + ratio);
    JsonNode tools =
        prometheus.awaitData(
            "count by (tool) (tooltrace_tool_duration_seconds_bucket)", Duration.ofSeconds(30));
    assertEquals(2, tools.size(), tools.toString());
    JsonNode errors =
        prometheus.awaitData(
            "sum by (error_type) (tooltrace_tool_errors_total)", Duration.ofSeconds(30));
    assertEquals(
        "java.lang.IllegalStateException",
        errors.get(0).path("metric").path("error_type").asText(),
        errors.toString());
    JsonNode written =
        prometheus.awaitData("tooltrace_records_written_total > 0", Duration.ofSeconds(30));
    assertFalse(written.isEmpty());
  }

  @Test
  void everyDashboardPanelReturnsData() throws Exception {
    prometheus.awaitData("up{job=\"tooltrace\"} == 1", Duration.ofSeconds(60));
    List<String> empty = new ArrayList<>();
    for (Dashboard.Query q : Dashboard.queries("10s")) {
      if (prometheus.awaitData(q.expr(), Duration.ofSeconds(45)).isEmpty()) {
        empty.add(q.panel() + " [" + q.refId() + "]: " + q.expr());
      }
    }
    assertTrue(
        empty.isEmpty(),
        "panels without data:\n"
            + String.join("\n", empty)
            + "\nscrape:\n"
            + app.get("/metrics").body());
  }

  @Test
  void errorRateAlertGoesPendingOrFiringForTheFlakyTool() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode hit = null;
    while (hit == null && System.nanoTime() < deadline) {
      for (JsonNode a : prometheus.alerts()) {
        if (a.path("labels").path("alertname").asText().equals("TooltraceToolErrorRateHigh")) {
          assertEquals("obs.flaky", a.path("labels").path("tool").asText(), a.toString());
          hit = a;
        }
      }
      Thread.sleep(500);
    }
    assertTrue(hit != null, "TooltraceToolErrorRateHigh never pending: " + prometheus.alerts());
    assertTrue(List.of("pending", "firing").contains(hit.path("state").asText()), hit.toString());
  }

  @Test
  void aRealScrapePassesPromtoolCheckMetrics() throws Exception {
    prometheus.awaitData("tooltrace_tool_calls_total", Duration.ofSeconds(60));
    HttpResponse<String> r = app.get("/metrics");
    assertEquals(200, r.statusCode());
    Path file = queue.resolve("scrape.txt");
    Files.writeString(file, r.body());
    Process p =
        new ProcessBuilder(Binaries.require("promtool").toString(), "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), "promtool check metrics:\n" + out + "\n" + r.body());
  }
}
