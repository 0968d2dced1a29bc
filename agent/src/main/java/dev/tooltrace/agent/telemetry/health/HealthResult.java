/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one {@link HealthCheck}: a status, the numbers it was decided on (so that an
 * operator sees how far from the threshold it is) and a one-line message for people.
 */
public record HealthResult(Status status, Map<String, Object> measurements, String message) {
  public enum Status {
    UP,
    DOWN
  }

  public HealthResult {
    measurements = Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
  }

  public static HealthResult up(String message, Map<String, Object> measurements) {
    return new HealthResult(Status.UP, measurements, message);
  }

  public static HealthResult down(String message, Map<String, Object> measurements) {
    return new HealthResult(Status.DOWN, measurements, message);
  }

  public boolean isUp() {
    return status == Status.UP;
  }
}
