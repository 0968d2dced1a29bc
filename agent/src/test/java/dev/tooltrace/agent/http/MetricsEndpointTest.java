/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /metrics served from a real SdkMeterProvider: the series the dashboard and alerts are written
 * against exist under their Prometheus names, and Prometheus's own linter accepts the scrape.
 */
class MetricsEndpointTest {
  @TempDir Path tmp;
  private MeterSetup meters;
  private AgentHttpServer server;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Path queue = Files.createDirectories(tmp.resolve("queue"));
    Files.write(queue.resolve("20260101-00.cq4"), new byte[4096]);
    meters = MeterSetup.create(Resource.getDefault(), List.of(), null);
    Meter meter = meters.meter();
    SystemMetrics.register(meter, queue, log::add);
    AgentMetrics.register(
        meter, new AgentMetrics.Sources(() -> 10, () -> 7, () -> 1, () -> 2.5, () -> 3));
    toolInstruments(meters.provider().get("dev.tooltrace.exporter"));
    server =
        new AgentHttpServer(
            "127.0.0.1", 0, new HealthRegistry(), meters.prometheusReader(), log::add);
    assertTrue(server.start());
  }

  /** The per-tool instruments as the exporter defines them (ARCHITECTURE.md metric table). */
  static void toolInstruments(Meter m) {
    AttributeKey<String> tool = AttributeKey.stringKey("tool");
    LongCounter calls =
        m.counterBuilder("tooltrace.tool.calls")
            .setDescription("Tool calls")
            .setUnit("{call}")
            .build();
    LongCounter errors =
        m.counterBuilder("tooltrace.tool.errors")
            .setDescription("Tool errors")
            .setUnit("{error}")
            .build();
    DoubleHistogram duration =
        m.histogramBuilder("tooltrace.tool.duration")
            .setDescription("Tool call duration")
            .setUnit("s")
            .build();
    DoubleHistogram confidence =
        m.histogramBuilder("tooltrace.tool.confidence")
            .setDescription("Confidence")
            .setUnit("1")
            .build();
    LongCounter quality =
        m.counterBuilder("tooltrace.tool.quality")
            .setDescription("Quality tiers")
            .setUnit("{call}")
            .build();
    Attributes ok = Attributes.of(tool, "parse", AttributeKey.stringKey("outcome"), "ok");
    calls.add(3, ok);
    calls.add(1, Attributes.of(tool, "parse", AttributeKey.stringKey("outcome"), "error"));
    errors.add(
        1,
        Attributes.of(tool, "parse", AttributeKey.stringKey("error_type"), "java.io.IOException"));
    duration.record(0.012, Attributes.of(tool, "parse"));
    confidence.record(0.8, Attributes.of(tool, "parse"));
    quality.add(1, Attributes.of(tool, "parse", AttributeKey.stringKey("tier"), "high"));
  }

  @AfterEach
  void stop() {
    server.close();
    meters.close();
  }

  static String get(int port, String path) throws Exception {
    HttpResponse<String> r = fetch(port, path);
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return r.body();
  }

  static HttpResponse<String> fetch(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void scrapeHasTheDocumentedSeriesNames() throws Exception {
    get(server.port(), "/metrics"); // CPU utilisation needs a previous reading
    String body = get(server.port(), "/metrics");
    for (String[] n : SystemMetrics.NAMES) {
      assertTrue(body.contains("\n" + n[1] + "{"), n[1] + " missing in\n" + body);
    }
    for (String name :
        List.of(
            "tooltrace_records_written_total{",
            "tooltrace_records_exported_total{",
            "tooltrace_records_dropped_total{",
            "tooltrace_export_lag_seconds{",
            "tooltrace_export_lag_records{",
            "tooltrace_tool_calls_total{",
            "tooltrace_tool_errors_total{",
            "tooltrace_tool_duration_seconds_bucket{",
            "tooltrace_tool_confidence_bucket{",
            "tooltrace_tool_quality_total{")) {
      assertTrue(body.contains("\n" + name), name + " missing in\n" + body);
    }
    assertTrue(
        body.contains("tooltrace_queue_size_bytes{otel_scope_name=\"dev.tooltrace.agent\"} 4096.0"),
        body);
    assertTrue(
        log.stream()
            .anyMatch(l -> l.matches("HTTP endpoint listening on http://127\\.0\\.0\\.1:\\d+ .*")),
        log.toString());
  }

  @Test
  void scrapePassesPromtoolCheckMetrics() throws Exception {
    String body = get(server.port(), "/metrics");
    Path file = tmp.resolve("scrape.txt");
    Files.writeString(file, body);
    Process p =
        new ProcessBuilder(promtool(), "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "promtool check metrics:\n" + out + "\non:\n" + body);
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    assertEquals(404, fetch(server.port(), "/nothing").statusCode());
    assertEquals(404, fetch(server.port(), "/metricsx").statusCode());
    HttpResponse<String> post =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
  }

  @Test
  void aTakenPortIsOneLineNotAnException() {
    List<String> lines = new ArrayList<>();
    AgentHttpServer second =
        new AgentHttpServer("127.0.0.1", server.port(), new HealthRegistry(), null, lines::add);
    assertEquals(false, second.start());
    assertEquals(-1, second.port());
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(
        lines.get(0).startsWith("HTTP endpoint disabled: cannot listen on 127.0.0.1:"),
        lines.get(0));
  }

  /** The promtool binary; fails with a clear message when Debian's prometheus is not installed. */
  static String promtool() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "promtool"))) {
        return Path.of(dir, "promtool").toString();
      }
    }
    throw new AssertionError(
        "promtool not found on PATH: install it with `apt-get install -y prometheus`");
  }
}
