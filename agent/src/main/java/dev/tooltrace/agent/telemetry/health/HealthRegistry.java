/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The agent's health checks, each in one group: {@link Group#LIVENESS} (is the agent itself
 * running: {@code /health/live}) or {@link Group#READINESS} (can it do its job: queue, disk,
 * exporter: {@code /health/ready}). {@code /health} reports both. A check that throws is DOWN with
 * the exception as its message: a broken check must show, not hide.
 */
public final class HealthRegistry {
  public enum Group {
    LIVENESS,
    READINESS
  }

  private record Entry(HealthCheck check, Group group) {}

  /** Every check's result, in registration order, and the overall status (UP if all are). */
  public record Report(HealthResult.Status status, Map<String, HealthResult> checks) {
    public boolean isUp() {
      return status == HealthResult.Status.UP;
    }
  }

  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  public HealthRegistry register(Group group, HealthCheck check) {
    entries.add(new Entry(check, group));
    return this;
  }

  public Report live() {
    return run(Group.LIVENESS);
  }

  public Report ready() {
    return run(Group.READINESS);
  }

  public Report all() {
    return run(null);
  }

  private Report run(Group group) {
    Map<String, HealthResult> results = new LinkedHashMap<>();
    boolean up = true;
    List<Entry> snapshot = new ArrayList<>(entries);
    for (Entry e : snapshot) {
      if (group != null && e.group() != group) {
        continue;
      }
      HealthResult r = runOne(e.check());
      results.put(e.check().name(), r);
      up &= r.isUp();
    }
    return new Report(up ? HealthResult.Status.UP : HealthResult.Status.DOWN, results);
  }

  private static HealthResult runOne(HealthCheck check) {
    try {
      HealthResult r = check.check();
      return r != null ? r : HealthResult.down("check returned nothing", Map.of());
    } catch (Throwable t) {
      return HealthResult.down("check failed: " + t, Map.of());
    }
  }
}
