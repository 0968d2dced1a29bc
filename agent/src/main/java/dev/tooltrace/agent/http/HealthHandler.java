/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.tooltrace.agent.telemetry.health.HealthRegistry;
import dev.tooltrace.agent.telemetry.health.HealthResult;
import dev.tooltrace.exporter.Jackson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /health/live}, {@code /health/ready} and {@code /health}: JSON with every check's status,
 * measurements and message; HTTP 200 when all are UP, 503 otherwise, which is what load balancers
 * and Kubernetes probes act on.
 */
final class HealthHandler implements HttpHandler {
  private final Function<HealthRegistry, HealthRegistry.Report> select;
  private final HealthRegistry registry;
  private final String path;

  private HealthHandler(
      String path, HealthRegistry registry, Function<HealthRegistry, HealthRegistry.Report> s) {
    this.path = path;
    this.registry = registry;
    this.select = s;
  }

  static void register(HttpServer server, HealthRegistry registry) {
    server.createContext(
        "/health/live", new HealthHandler("/health/live", registry, HealthRegistry::live));
    server.createContext(
        "/health/ready", new HealthHandler("/health/ready", registry, HealthRegistry::ready));
    server.createContext("/health", new HealthHandler("/health", registry, HealthRegistry::all));
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      // Contexts match by prefix: /health/livez must not be /health.
      String p = ex.getRequestURI().getPath();
      if (!p.equals(path) && !p.equals(path + "/")) {
        Responses.notFound(ex);
        return;
      }
      if (!Responses.readOnly(ex)) {
        return;
      }
      HealthRegistry.Report report = select.apply(registry);
      byte[] body = Jackson.prettyBytes(toJson(report));
      Responses.send(ex, report.isUp() ? 200 : 503, "application/json", body);
    } catch (RuntimeException e) {
      Responses.text(ex, 500, "health report failed: " + e);
    }
  }

  static Map<String, Object> toJson(HealthRegistry.Report report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("status", report.status().name());
    List<Map<String, Object>> checks = new ArrayList<>();
    for (Map.Entry<String, HealthResult> e : report.checks().entrySet()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", e.getKey());
      c.put("status", e.getValue().status().name());
      c.put("message", e.getValue().message());
      c.put("measurements", e.getValue().measurements());
      checks.add(c);
    }
    root.put("checks", checks);
    return root;
  }
}
