/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry.health;

/**
 * One thing the agent can say is fine or not. {@link #check()} runs on the HTTP thread for every
 * health request: keep it cheap and bounded (no network); throwing is allowed and reported as DOWN
 * by {@link HealthRegistry}.
 */
public interface HealthCheck {
  /** A stable, dotted name such as {@code queue.writable}; it is the key in {@code /health}. */
  String name();

  HealthResult check() throws Exception;
}
