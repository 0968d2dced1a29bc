/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent;

import dev.tooltrace.agent.config.Config;
import dev.tooltrace.agent.log.AgentLog;
import dev.tooltrace.agent.recording.QueueWriter;
import dev.tooltrace.agent.recording.Recorder;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agent's background work, all on daemon threads of its own: queue housekeeping (disk
 * checks, reopening after a problem), export, the HTTP endpoint and system sampling.
 */
final class AgentServices {
  private static final AgentLog.Component LOG = AgentLog.of("agent");

  private final Config config;
  private final QueueWriter writer;
  private final Recorder recorder;
  private final String runId;
  private final String service;
  private ScheduledExecutorService scheduler;

  AgentServices(Config config, QueueWriter writer, Recorder recorder, String runId,
      String service) {
    this.config = config;
    this.writer = writer;
    this.recorder = recorder;
    this.runId = runId;
    this.service = service;
  }

  void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tooltrace-housekeeper");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::housekeeping, 1, 1, TimeUnit.SECONDS);
  }

  private void housekeeping() {
    try {
      writer.check();
    } catch (Throwable t) {
      LOG.warn("housekeeping failed: " + t);
    }
  }

  void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
