/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tooltrace.agent.telemetry.health.AgentHealth;
import dev.tooltrace.agent.telemetry.health.ExportProgress;
import dev.tooltrace.agent.telemetry.health.HealthRegistry;
import dev.tooltrace.agent.telemetry.health.HealthRegistry.Group;
import dev.tooltrace.agent.telemetry.health.QueueWritableCheck;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health endpoints follow the real state of the queue directory, disk, exporter and threads.
 */
class HealthEndpointTest {
  @TempDir Path tmp;
  private Path queue;
  private final AtomicLong free = new AtomicLong(1L << 40);
  private final AtomicReference<Double> lag = new AtomicReference<>(0.0);
  private final AtomicReference<String> writerProblem = new AtomicReference<>();
  private final CountDownLatch stopWorker = new CountDownLatch(1);
  private Thread worker;
  private AgentHttpServer server;

  @BeforeEach
  void start() throws Exception {
    queue = Files.createDirectories(tmp.resolve("queue"));
    worker =
        new Thread(
            () -> {
              try {
                stopWorker.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "tooltrace-test-worker");
    worker.start();
    ExportProgress progress =
        new ExportProgress() {
          @Override
          public double lagSeconds() {
            return lag.get();
          }

          @Override
          public String lastError() {
            return lag.get() > 0 ? "connection refused" : null;
          }
        };
    QueueWritableCheck.QueueState writer =
        new QueueWritableCheck.QueueState() {
          @Override
          public String problem() {
            return writerProblem.get();
          }

          @Override
          public Map<String, Object> measurements() {
            return Map.of("records.written", 42L, "records.dropped", 0L);
          }
        };
    // The agent's own composition of checks (AgentServices uses the same), fed by test sources.
    HealthRegistry registry =
        AgentHealth.registry(
            new AgentHealth.Sources(
                () -> List.of(worker),
                queue,
                writer,
                () -> free.get(),
                256L << 20,
                null,
                progress,
                Duration.ofSeconds(60)));
    server = new AgentHttpServer("127.0.0.1", 0, registry, null, line -> {});
    assertTrue(server.start());
  }

  @AfterEach
  void stop() throws Exception {
    stopWorker.countDown();
    worker.join();
    server.close();
  }

  private JsonNode health(String path, int expectedStatus) throws Exception {
    HttpResponse<String> r = MetricsEndpointTest.fetch(server.port(), path);
    assertEquals(expectedStatus, r.statusCode(), path + ": " + r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    return new ObjectMapper().readTree(r.body());
  }

  private static JsonNode check(JsonNode report, String name) {
    for (JsonNode c : report.get("checks")) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError(name + " not in " + report);
  }

  @Test
  void allUpIs200WithEveryCheck() throws Exception {
    JsonNode all = health("/health", 200);
    assertEquals("UP", all.get("status").asText());
    assertEquals(4, all.get("checks").size());
    JsonNode disk = check(all, "disk.free");
    assertEquals(1L << 40, disk.get("measurements").get("free_bytes").asLong());
    assertEquals(256L << 20, disk.get("measurements").get("min_free_bytes").asLong());
    assertEquals(1, health("/health/live", 200).get("checks").size());
    assertEquals(3, health("/health/ready", 200).get("checks").size());
  }

  @Test
  void queueDirectoryReplacedByAFileIs503AndRecovers() throws Exception {
    // Shown at once, before the queue writer's next look (it reports through writerProblem).
    Path moved = tmp.resolve("moved");
    Files.move(queue, moved);
    Files.writeString(queue, "not a directory");
    JsonNode ready = health("/health/ready", 503);
    assertEquals("DOWN", check(ready, "queue.writable").get("status").asText());
    assertEquals("UP", check(ready, "disk.free").get("status").asText());
    health("/health/live", 200);
    health("/health", 503);

    Files.delete(queue);
    Files.move(moved, queue);
    assertEquals(
        "UP", check(health("/health/ready", 200), "queue.writable").get("status").asText());
  }

  @Test
  void aProblemTheQueueWriterReportsIs503WithItsMessage() throws Exception {
    writerProblem.set("queue size 2048 bytes reached its budget disk.max.bytes=1024");
    JsonNode c = check(health("/health/ready", 503), "queue.writable");
    assertEquals("DOWN", c.get("status").asText());
    assertEquals(
        "queue size 2048 bytes reached its budget disk.max.bytes=1024", c.get("message").asText());
    assertEquals(42, c.get("measurements").get("records.written").asLong());
    writerProblem.set(null);
    JsonNode up = check(health("/health/ready", 200), "queue.writable");
    assertEquals("queue accepts records", up.get("message").asText());
    assertEquals(queue.toString(), up.get("measurements").get("directory").asText());
  }

  @Test
  void lowDiskIs503AndRecovers() throws Exception {
    free.set(10L << 20);
    JsonNode c = check(health("/health/ready", 503), "disk.free");
    assertEquals("DOWN", c.get("status").asText());
    assertTrue(c.get("message").asText().contains("disk.min.free"), c.toString());
    free.set(1L << 30);
    health("/health/ready", 200);
  }

  @Test
  void stuckExporterIs503WithItsLastErrorAndRecovers() throws Exception {
    lag.set(30.0);
    health("/health/ready", 200); // behind, but within health.export.max.lag
    lag.set(61.0);
    JsonNode c = check(health("/health/ready", 503), "export.lag");
    assertEquals(61.0, c.get("measurements").get("lag_seconds").asDouble());
    assertTrue(c.get("message").asText().contains("connection refused"), c.toString());
    lag.set(0.0);
    health("/health/ready", 200);
  }

  @Test
  void deadAgentThreadFailsLiveness() throws Exception {
    stopWorker.countDown();
    worker.join();
    JsonNode c = check(health("/health/live", 503), "agent.threads");
    assertTrue(c.get("message").asText().contains("tooltrace-test-worker"), c.toString());
  }

  @Test
  void aThrowingCheckIsDownNotAnError() throws Exception {
    HealthRegistry r =
        new HealthRegistry()
            .register(
                Group.READINESS,
                new dev.tooltrace.agent.telemetry.health.HealthCheck() {
                  @Override
                  public String name() {
                    return "broken";
                  }

                  @Override
                  public dev.tooltrace.agent.telemetry.health.HealthResult check() {
                    throw new IllegalStateException("boom");
                  }
                });
    HealthRegistry.Report report = r.all();
    assertEquals(false, report.isUp());
    assertTrue(report.checks().get("broken").message().contains("boom"));
  }
}
