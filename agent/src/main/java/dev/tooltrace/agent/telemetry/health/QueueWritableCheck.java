/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The queue takes records: the writer reports no problem (budget, free space, a failed append), and
 * the queue directory accepts new files. The second half really creates and deletes a file:
 * permission bits say nothing when the agent runs as root, and a directory replaced by a file, a
 * read-only remount or an exhausted inode table only show when writing — possibly before the writer
 * next notices.
 */
public final class QueueWritableCheck implements HealthCheck {
  /** What the queue's writer knows, read on every check. */
  public interface QueueState {
    /** Why the queue refuses records now, or null when it accepts them. */
    String problem();

    /** Figures for the report (records written and dropped, queue size). */
    Map<String, Object> measurements();
  }

  private final Path dir;
  private final QueueState state;

  public QueueWritableCheck(Path dir, QueueState state) {
    this.dir = dir;
    this.state = state;
  }

  @Override
  public String name() {
    return "queue.writable";
  }

  @Override
  public HealthResult check() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("directory", dir.toAbsolutePath().toString());
    m.putAll(state.measurements());
    String problem = state.problem();
    if (problem != null) {
      return HealthResult.down(problem, m);
    }
    if (!Files.isDirectory(dir)) {
      return HealthResult.down(
          "queue directory " + dir + " does not exist or is not a directory", m);
    }
    try {
      Path probe = Files.createTempFile(dir, ".tooltrace-health-", ".tmp");
      Files.delete(probe);
      return HealthResult.up("queue accepts records", m);
    } catch (IOException | RuntimeException e) {
      return HealthResult.down("queue directory " + dir + " is not writable: " + e, m);
    }
  }
}
