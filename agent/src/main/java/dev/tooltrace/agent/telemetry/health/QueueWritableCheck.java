/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The queue takes records: the queue writer reports no problem (an unwritable directory, the size
 * budget, too little free space, a failed append — it re-evaluates them every second) and the queue
 * directory is still a directory (one replaced by a file shows at once, not at the writer's next
 * look).
 *
 * <p>The check writes nothing: a probe file created in the queue directory on every health request
 * would race with a backup walking that directory.
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
    m.put("directory", dir.toString());
    m.putAll(state.measurements());
    String problem = state.problem();
    if (problem != null) {
      return HealthResult.down(problem, m);
    }
    if (!Files.isDirectory(dir)) {
      return HealthResult.down(
          "queue directory " + dir + " does not exist or is not a directory", m);
    }
    return HealthResult.up("queue accepts records", m);
  }
}
