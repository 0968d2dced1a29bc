/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry.health;

import dev.tooltrace.agent.telemetry.health.HealthRegistry.Group;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The agent's health checks, composed in one place so that the running agent and the tests use the
 * same set: liveness is {@code agent.threads}; readiness is {@code queue.writable}, {@code
 * disk.free}, {@code backup} (with {@code backup.dir}) and {@code export.lag} (with {@code
 * export=otlp}), in that order.
 */
public final class AgentHealth {
  private AgentHealth() {}

  /**
   * What the checks read. Suppliers are read on every health request.
   *
   * @param agentThreads the agent's background threads, which must all be alive
   * @param queueDir the queue directory
   * @param queue the queue writer's own view (problem, counters)
   * @param freeBytes usable bytes on the queue's file system, NaN when unknown
   * @param minFreeBytes {@code disk.min.free}
   * @param backup the scheduled backup's check, or null when backups are off
   * @param export the exporter's progress, or null when the agent does not export
   * @param maxExportLag {@code health.export.max.lag}
   */
  public record Sources(
      Supplier<? extends Collection<Thread>> agentThreads,
      Path queueDir,
      QueueWritableCheck.QueueState queue,
      DoubleSupplier freeBytes,
      long minFreeBytes,
      HealthCheck backup,
      ExportProgress export,
      Duration maxExportLag) {}

  public static HealthRegistry registry(Sources s) {
    HealthRegistry h = new HealthRegistry();
    h.register(Group.LIVENESS, new ThreadsAliveCheck(s.agentThreads()));
    h.register(Group.READINESS, new QueueWritableCheck(s.queueDir(), s.queue()));
    h.register(Group.READINESS, new DiskFreeCheck(s.freeBytes(), s.minFreeBytes()));
    if (s.backup() != null) {
      h.register(Group.READINESS, s.backup());
    }
    if (s.export() != null) {
      h.register(Group.READINESS, new ExportLagCheck(s.export(), s.maxExportLag()));
    }
    return h;
  }
}
