/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.jaeger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Jaeger v2 all-in-one (in-memory storage) on free loopback ports, started with {@code
 * integration-tests/jaeger/jaeger-test.yaml}, and read back through Jaeger's own query API, the one
 * its UI uses ({@code /api/services}, {@code /api/traces?service=…}, {@code /api/traces/{id}}).
 * {@link #close()} stops the process (SIGTERM, then SIGKILL) and deletes its log; use it in a
 * {@code finally} or try-with-resources.
 */
final class JaegerServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Ports are found free, then bound by Jaeger: another process may win the race; retry. */
  private static final int ATTEMPTS = 3;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Process process;
  private final Path log;
  private final Map<String, Integer> ports;

  private JaegerServer(Process process, Path log, Map<String, Integer> ports) {
    this.process = process;
    this.log = log;
    this.ports = ports;
  }

  /** Starts Jaeger and waits until its query API answers and both OTLP ports accept connections. */
  static JaegerServer start() throws Exception {
    Path bin = JaegerBinary.require();
    Path config = Path.of(System.getProperty("tooltrace.jaeger.config"));
    String failure = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      int[] free = freePorts(5);
      Map<String, Integer> ports =
          Map.of(
              "otlp.grpc", free[0],
              "otlp.http", free[1],
              "query.http", free[2],
              "query.grpc", free[3],
              "metrics", free[4]);
      Path log = Files.createTempFile("jaeger", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(bin.toString(), "--config", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.put("TOOLTRACE_JAEGER_OTLP_GRPC", "127.0.0.1:" + ports.get("otlp.grpc"));
      env.put("TOOLTRACE_JAEGER_OTLP_HTTP", "127.0.0.1:" + ports.get("otlp.http"));
      env.put("TOOLTRACE_JAEGER_QUERY_HTTP", "127.0.0.1:" + ports.get("query.http"));
      env.put("TOOLTRACE_JAEGER_QUERY_GRPC", "127.0.0.1:" + ports.get("query.grpc"));
      env.put("TOOLTRACE_JAEGER_METRICS_PORT", String.valueOf(ports.get("metrics")));
      JaegerServer s = new JaegerServer(pb.start(), log, ports);
      if (s.awaitReady(Duration.ofSeconds(60))) {
        return s;
      }
      failure = s.log();
      s.close();
    }
    throw new IOException(
        "Jaeger did not start in " + ATTEMPTS + " attempts; last log:\n" + failure);
  }

  private static int[] freePorts(int n) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        out[i] = s.getLocalPort();
      }
      return out;
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  private boolean awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if (get("/api/services").statusCode() == 200
            && listening(ports.get("otlp.grpc"))
            && listening(ports.get("otlp.http"))) {
          return true;
        }
      } catch (IOException e) {
        // Not up yet.
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static boolean listening(int port) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code http://127.0.0.1:PORT}: OTLP/gRPC, for {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  String grpcEndpoint() {
    return "http://127.0.0.1:" + ports.get("otlp.grpc");
  }

  /** {@code http://127.0.0.1:PORT}: OTLP/HTTP, without {@code /v1/traces}. */
  String httpEndpoint() {
    return "http://127.0.0.1:" + ports.get("otlp.http");
  }

  /** The endpoint for an {@code OTEL_EXPORTER_OTLP_PROTOCOL} value. */
  String endpoint(String protocol) {
    return protocol.equals("grpc") ? grpcEndpoint() : httpEndpoint();
  }

  String queryUrl() {
    return "http://127.0.0.1:" + ports.get("query.http");
  }

  private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(queryUrl() + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private JsonNode getJson(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> r = get(pathAndQuery);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + pathAndQuery + " -> " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** {@code GET /api/services}: the service names Jaeger holds spans of. */
  List<String> services() throws IOException, InterruptedException {
    List<String> out = new ArrayList<>();
    getJson("/api/services").path("data").forEach(n -> out.add(n.asText()));
    return out;
  }

  /**
   * {@code GET /api/traces?service=S&limit=N&lookback=1h}: the search the UI's Find Traces runs;
   * the raw response body (for whole-text checks such as redaction) and the parsed traces.
   */
  Search search(String service, int limit) throws IOException, InterruptedException {
    String q =
        "/api/traces?service="
            + URLEncoder.encode(service, StandardCharsets.UTF_8)
            + "&limit="
            + limit
            + "&lookback=1h";
    HttpResponse<String> r = get(q);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + q + " -> " + r.statusCode() + ": " + r.body());
    }
    List<JaegerTrace> traces = new ArrayList<>();
    JSON.readTree(r.body()).path("data").forEach(t -> traces.add(new JaegerTrace(t)));
    return new Search(r.body(), traces);
  }

  /** What a search returned. */
  record Search(String body, List<JaegerTrace> traces) {
    int spanCount() {
      return traces.stream().mapToInt(t -> t.spans().size()).sum();
    }
  }

  /** {@code GET /api/traces/{traceId}}, or null when Jaeger has no such trace (404). */
  JaegerTrace trace(String traceId) throws IOException, InterruptedException {
    HttpResponse<String> r = get("/api/traces/" + traceId);
    if (r.statusCode() == 404) {
      return null;
    }
    if (r.statusCode() != 200) {
      throw new AssertionError("GET /api/traces/" + traceId + " -> " + r.statusCode());
    }
    JsonNode data = JSON.readTree(r.body()).path("data");
    return data.isEmpty() ? null : new JaegerTrace(data.get(0));
  }

  /**
   * The sum of one of Jaeger's own counters over all its series, from its Prometheus endpoint, e.g.
   * {@code otelcol_receiver_accepted_spans}; 0 when it has no series yet.
   */
  long counter(String name) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ports.get("metrics") + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(?:_total)?(?:\\{[^}]*})? (\\S+)$");
    double sum = 0;
    for (String l : r.body().split("\n")) {
      Matcher m = line.matcher(l);
      if (m.matches()) {
        sum += Double.parseDouble(m.group(1));
      }
    }
    return Math.round(sum);
  }

  /** Polls {@code condition} every 200 ms until it holds or {@code timeout} passes. */
  static void await(Duration timeout, String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws Exception {
    try {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
