/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Prometheus (Debian's package) on a free loopback port, scraping the given targets every
 * second as job {@code tooltrace} and evaluating the given rule files every second. Its data and
 * configuration live in a fresh directory that {@link #close()} deletes.
 */
final class PrometheusServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Path dir;
  private final Process process;
  private final int port;

  private PrometheusServer(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  /** Starts Prometheus and waits until it is ready; targets are host:port strings. */
  static PrometheusServer start(List<String> targets, List<Path> ruleFiles) throws Exception {
    Path prometheus = Binaries.require("prometheus");
    Path dir = Files.createTempDirectory("tooltrace-prometheus-");
    String config =
        "global:\n"
            + "  scrape_interval: 1s\n"
            + "  scrape_timeout: 1s\n"
            + "  evaluation_interval: 1s\n"
            + "rule_files:\n"
            + ruleFiles.stream()
                .map(p -> "  - '" + p.toAbsolutePath() + "'\n")
                .collect(Collectors.joining())
            + "scrape_configs:\n"
            + "  - job_name: tooltrace\n"
            + "    static_configs:\n"
            + "      - targets: ["
            + targets.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "))
            + "]\n";
    Files.writeString(dir.resolve("prometheus.yml"), config);
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Process p =
          new ProcessBuilder(
                  prometheus.toString(),
                  "--config.file=" + dir.resolve("prometheus.yml"),
                  "--storage.tsdb.path=" + dir.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port,
                  "--log.level=warn")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();
      PrometheusServer s = new PrometheusServer(dir, p, port);
      if (s.awaitReady(Duration.ofSeconds(60))) {
        return s;
      }
      p.destroyForcibly().waitFor();
      last = new IOException("Prometheus did not start:\n" + s.log());
    }
    deleteTree(dir);
    throw last;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private boolean awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        HttpResponse<String> r = get("/-/ready");
        if (r.statusCode() == 200) {
          return true;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    return false;
  }

  private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  int port() {
    return port;
  }

  /** Runs an instant PromQL query; returns {@code data.result} (an array). */
  JsonNode query(String promql) throws IOException, InterruptedException {
    HttpResponse<String> r =
        get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    JsonNode body = JSON.readTree(r.body());
    if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
      throw new AssertionError("PromQL failed: " + promql + "\n" + r.body());
    }
    return body.path("data").path("result");
  }

  /** Polls {@code promql} until it returns at least one series; returns the last result. */
  JsonNode awaitData(String promql, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode result = query(promql);
    while (result.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(500);
      result = query(promql);
    }
    return result;
  }

  /** {@code data.alerts} of /api/v1/alerts: pending and firing alerts with labels and state. */
  JsonNode alerts() throws IOException, InterruptedException {
    return JSON.readTree(get("/api/v1/alerts").body()).path("data").path("alerts");
  }

  /** {@code data.activeTargets} of /api/v1/targets. */
  JsonNode targets() throws IOException, InterruptedException {
    return JSON.readTree(get("/api/v1/targets").body()).path("data").path("activeTargets");
  }

  String log() {
    try {
      return Files.readString(dir.resolve("prometheus.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    deleteTree(dir);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
