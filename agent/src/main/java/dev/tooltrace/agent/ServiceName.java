/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent;

import dev.tooltrace.agent.config.Config;
import dev.tooltrace.agent.config.Keys;

/**
 * The service name, as OpenTelemetry users expect it: {@code service.name} config, else {@code
 * OTEL_SERVICE_NAME}, else {@code service.name} in {@code OTEL_RESOURCE_ATTRIBUTES}, else the main
 * class's simple name (or jar file name).
 */
final class ServiceName {
  private ServiceName() {}

  static String resolve(Config config) {
    String s = config.get(Keys.SERVICE_NAME);
    if (!s.isEmpty()) {
      return s;
    }
    s = System.getProperty("otel.service.name", config.env("OTEL_SERVICE_NAME"));
    if (s != null && !s.isBlank()) {
      return s.trim();
    }
    String attrs =
        System.getProperty("otel.resource.attributes", config.env("OTEL_RESOURCE_ATTRIBUTES"));
    if (attrs != null) {
      for (String kv : attrs.split(",")) {
        int eq = kv.indexOf('=');
        if (eq > 0 && kv.substring(0, eq).trim().equals("service.name")) {
          return kv.substring(eq + 1).trim();
        }
      }
    }
    String cmd = System.getProperty("sun.java.command", "").split(" ")[0];
    if (cmd.endsWith(".jar")) {
      String f = cmd.substring(cmd.lastIndexOf('/') + 1);
      return f.substring(0, f.length() - 4);
    }
    String main = cmd.substring(cmd.lastIndexOf('.') + 1);
    return main.isEmpty() ? "unknown_service:java" : main;
  }
}
