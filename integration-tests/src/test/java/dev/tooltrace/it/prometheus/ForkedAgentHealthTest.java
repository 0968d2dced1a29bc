/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tooltrace.it.otlp.receiver.OtlpReceiver;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent's health endpoints follow reality in a forked app: the queue directory
 * replaced by a file (permission bits mean nothing to root) and an OTLP backend that goes away turn
 * readiness to 503, and it comes back to 200 when they are restored.
 */
class ForkedAgentHealthTest {
  private Path tmp;
  private OtlpReceiver receiver;

  @BeforeEach
  void setUp() throws Exception {
    tmp = Files.createTempDirectory("tooltrace-it-health-");
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    receiver.close();
    PrometheusServer.deleteTree(tmp);
  }

  private static JsonNode check(JsonNode report, String name) {
    for (JsonNode c : report.path("checks")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError(name + " not in " + report);
  }

  /** Polls {@code path} until it answers {@code status}; returns the JSON body. */
  private static JsonNode await(AgentProcess app, String path, int status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    HttpResponse<String> r = app.get(path);
    while (r.statusCode() != status && System.nanoTime() < deadline) {
      Thread.sleep(250);
      r = app.get(path);
    }
    assertEquals(status, r.statusCode(), path + ": " + r.body() + "\n" + app.stderr());
    return new ObjectMapper().readTree(r.body());
  }

  private AgentProcess start(Path queue) throws Exception {
    return AgentProcess.start(
        queue,
        "health.export.max.lag=2s",
        List.of(
            "-Dotel.exporter.otlp.endpoint=" + receiver.grpcEndpoint(),
            "-Dotel.exporter.otlp.timeout=1000"));
  }

  @Test
  void unwritableQueueDirectoryTurnsReadinessDownAndBack() throws Exception {
    Path queue = tmp.resolve("q");
    try (AgentProcess app = start(queue)) {
      JsonNode all = await(app, "/health", 200);
      assertEquals(
          List.of("agent.threads", "queue.writable", "disk.free", "export.lag"), names(all));
      Path moved = tmp.resolve("moved");
      Files.move(queue, moved);
      Files.writeString(queue, "not a directory");
      JsonNode down = await(app, "/health/ready", 503);
      assertEquals("DOWN", check(down, "queue.writable").path("status").asText(), down.toString());
      await(app, "/health/live", 200);

      Files.delete(queue);
      Files.move(moved, queue);
      JsonNode up = await(app, "/health/ready", 200);
      assertEquals("UP", check(up, "queue.writable").path("status").asText());
    }
  }

  @Test
  void exporterThatCannotDeliverTurnsReadinessDownAndBack() throws Exception {
    try (AgentProcess app = start(tmp.resolve("q"))) {
      await(app, "/health/ready", 200);
      receiver.stop();
      JsonNode down = await(app, "/health/ready", 503);
      JsonNode lag = check(down, "export.lag");
      assertEquals("DOWN", lag.path("status").asText(), down.toString());
      assertTrue(lag.path("measurements").path("lag_seconds").asDouble() > 2, lag.toString());
      receiver.restart();
      JsonNode up = await(app, "/health/ready", 200);
      assertEquals("UP", check(up, "export.lag").path("status").asText());
    }
  }

  private static List<String> names(JsonNode report) {
    List<String> out = new java.util.ArrayList<>();
    report.path("checks").forEach(c -> out.add(c.path("name").asText()));
    return out;
  }
}
