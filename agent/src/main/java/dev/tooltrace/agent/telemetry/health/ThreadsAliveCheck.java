/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The agent's background threads (exporter, sampler, ...) are still running: the liveness check. A
 * thread that died of an uncaught error means the agent has silently stopped doing part of its job,
 * which is exactly what {@code /health/live} must reveal.
 */
public final class ThreadsAliveCheck implements HealthCheck {
  private final Supplier<? extends Collection<Thread>> threads;

  /**
   * @param threads the threads that should be alive now (read on every check)
   */
  public ThreadsAliveCheck(Supplier<? extends Collection<Thread>> threads) {
    this.threads = threads;
  }

  @Override
  public String name() {
    return "agent.threads";
  }

  @Override
  public HealthResult check() {
    Collection<Thread> expected = threads.get();
    List<String> dead = new ArrayList<>();
    for (Thread t : expected) {
      if (!t.isAlive()) {
        dead.add(t.getName());
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("expected", expected.size());
    m.put("alive", expected.size() - dead.size());
    if (!dead.isEmpty()) {
      m.put("dead", dead);
      return HealthResult.down("agent threads not running: " + String.join(", ", dead), m);
    }
    return HealthResult.up(expected.size() + " agent threads running", m);
  }
}
