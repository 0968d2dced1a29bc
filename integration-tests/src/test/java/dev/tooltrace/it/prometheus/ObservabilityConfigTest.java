/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The files in observability/ are valid for the real tools: promtool checks and unit-tests the
 * alert rules, checks the example Prometheus configuration, amtool the Alertmanager example; the
 * dashboard has its variables and the panels the issue asks for.
 */
class ObservabilityConfigTest {
  private static final Path PROM = Repo.observability().resolve("prometheus");

  private static void ok(Binaries.Run r, String what) {
    assertEquals(0, r.exit(), what + " failed:\n" + r.output());
  }

  @Test
  void promtoolCheckRules() throws Exception {
    Binaries.Run r = Binaries.run(PROM, "promtool", "check", "rules", "tooltrace-alerts.yml");
    ok(r, "promtool check rules");
    assertTrue(r.output().contains("SUCCESS: 7 rules found"), r.output());
  }

  @Test
  void promtoolTestRulesEveryAlertFiresAndStaysSilent() throws Exception {
    ok(
        Binaries.run(PROM, "promtool", "test", "rules", "tests/tooltrace-alerts.test.yml"),
        "promtool test rules");
  }

  @Test
  void everyAlertIsUnitTested() throws Exception {
    String rules = java.nio.file.Files.readString(PROM.resolve("tooltrace-alerts.yml"));
    String tests = java.nio.file.Files.readString(PROM.resolve("tests/tooltrace-alerts.test.yml"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("- alert: (\\w+)").matcher(rules);
    int n = 0;
    while (m.find()) {
      n++;
      String name = m.group(1);
      int silent = tests.split("alertname: " + name + "\n\\s+exp_alerts: \\[\\]", -1).length - 1;
      int firing = tests.split("alertname: " + name + "\n\\s+exp_alerts:\n", -1).length - 1;
      assertTrue(silent >= 1 && firing >= 1, name + ": needs a firing and a silent case");
    }
    assertEquals(7, n);
  }

  @Test
  void promtoolCheckExamplePrometheusConfig() throws Exception {
    ok(
        Binaries.run(PROM, "promtool", "check", "config", "prometheus.yml"),
        "promtool check config");
  }

  @Test
  void amtoolCheckAlertmanagerExample() throws Exception {
    ok(
        Binaries.run(
            Repo.observability().resolve("alertmanager"),
            "amtool",
            "check-config",
            "alertmanager.yml"),
        "amtool check-config");
  }

  @Test
  void dashboardHasVariablesAndEveryRequiredPanel() throws Exception {
    JsonNode d = Dashboard.json();
    Set<String> vars = new HashSet<>();
    for (JsonNode v : d.path("templating").path("list")) {
      vars.add(v.path("name").asText() + ":" + v.path("type").asText());
    }
    assertTrue(vars.containsAll(Set.of("datasource:datasource", "tool:query")), vars.toString());
    assertEquals("DS_PROMETHEUS", d.path("__inputs").path(0).path("name").asText());
    Set<String> titles = new HashSet<>();
    for (JsonNode p : d.path("panels")) {
      titles.add(p.path("title").asText());
      if (!"row".equals(p.path("type").asText())) {
        assertEquals("${datasource}", p.path("datasource").path("uid").asText(), p.toString());
      }
    }
    for (String t :
        List.of(
            "Calls/s per tool",
            "Error rate per tool",
            "Latency p50 / p95 / p99 per tool",
            "Confidence distribution",
            "Quality tiers per tool",
            "CPU per tool",
            "Allocation per tool",
            "Export lag",
            "Records written / exported / dropped per second",
            "CPU",
            "Memory",
            "Queue disk")) {
      assertTrue(titles.contains(t), "panel missing: " + t);
    }
    for (Dashboard.Query q : Dashboard.queries("1m")) {
      assertTrue(
          q.expr().contains("tooltrace_")
              || q.expr().contains("_utilization")
              || q.expr().contains("memory"),
          q.toString());
    }
  }
}
