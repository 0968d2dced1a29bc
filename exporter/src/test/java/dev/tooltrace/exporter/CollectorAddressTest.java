/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Where the agent's exit looks for a collector, by OpenTelemetry's rules, and whether one is there.
 */
class CollectorAddressTest {
  private static InetSocketAddress of(String... kv) {
    ExportSettings.Builder b =
        ExportSettings.builder().queueDir(Path.of("unused")).readEnvironment(false);
    for (int i = 0; i < kv.length; i += 2) {
      b.otelProperty(kv[i], kv[i + 1]);
    }
    return CollectorAddress.ofTraces(b.build());
  }

  @Test
  void followsOpenTelemetrysEndpointRules() {
    assertEquals(InetSocketAddress.createUnresolved("localhost", 4317), of());
    assertEquals(
        InetSocketAddress.createUnresolved("localhost", 4318),
        of("otel.exporter.otlp.protocol", "http/protobuf"));
    assertEquals(
        InetSocketAddress.createUnresolved("localhost", 4318),
        of("otel.exporter.otlp.traces.protocol", "http/protobuf"));
    assertEquals(
        InetSocketAddress.createUnresolved("collector.example", 9999),
        of("otel.exporter.otlp.endpoint", "http://collector.example:9999"));
    assertEquals(
        InetSocketAddress.createUnresolved("traces.example", 443),
        of(
            "otel.exporter.otlp.endpoint",
            "http://collector.example:9999",
            "otel.exporter.otlp.traces.endpoint",
            "https://traces.example/v1/traces"));
    assertNull(of("otel.exporter.otlp.endpoint", "not a uri with a host"), "cannot be told");
  }

  @Test
  void listeningIsAConnectThatSucceeds() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
      assertTrue(
          CollectorAddress.listening(
              InetSocketAddress.createUnresolved("127.0.0.1", port), Duration.ofMillis(500)));
    }
    assertFalse(
        CollectorAddress.listening(
            InetSocketAddress.createUnresolved("127.0.0.1", port), Duration.ofMillis(500)),
        "nothing listens there any more");
    assertFalse(
        CollectorAddress.listening(
            InetSocketAddress.createUnresolved("no-such-host.invalid", 4317),
            Duration.ofMillis(300)),
        "a name that does not resolve");
  }
}
