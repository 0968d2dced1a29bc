/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The PromQL of every panel of the Grafana dashboard, with its template variables substituted. */
final class Dashboard {
  private Dashboard() {}

  /** One query of one panel. */
  record Query(String panel, String refId, String expr) {}

  static Path file() {
    return Repo.observability().resolve("grafana/dashboards/tooltrace.json");
  }

  static JsonNode json() throws IOException {
    return new ObjectMapper().readTree(file().toFile());
  }

  /**
   * Every panel target's expression, variables replaced: {@code $job}, {@code $instance}, {@code
   * $tool} by ".*" (Grafana's "All"), {@code $__rate_interval} by {@code rateInterval}.
   */
  static List<Query> queries(String rateInterval) throws IOException {
    Map<String, String> vars =
        Map.of(
            "$__rate_interval", rateInterval,
            "$instance", ".*",
            "$job", ".*",
            "$tool", ".*");
    List<Query> out = new ArrayList<>();
    collect(json().path("panels"), vars, out);
    return out;
  }

  private static void collect(JsonNode panels, Map<String, String> vars, List<Query> out) {
    for (JsonNode p : panels) {
      collect(p.path("panels"), vars, out);
      for (JsonNode t : p.path("targets")) {
        String expr = t.path("expr").asText();
        // Longest names first: $__rate_interval before anything shorter it contains.
        for (String k : List.of("$__rate_interval", "$instance", "$job", "$tool")) {
          expr = expr.replace(k, vars.get(k));
        }
        if (expr.contains("$")) {
          throw new AssertionError(
              "unsubstituted variable in panel " + p.path("title") + ": " + expr);
        }
        out.add(new Query(p.path("title").asText(), t.path("refId").asText(), expr));
      }
    }
  }
}
