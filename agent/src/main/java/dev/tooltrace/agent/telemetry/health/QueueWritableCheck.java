/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The queue directory accepts new files. It really creates and deletes a file: permission bits say
 * nothing when the agent runs as root, and a directory replaced by a file, a read-only remount or
 * an exhausted inode table only show when writing.
 */
public final class QueueWritableCheck implements HealthCheck {
  private final Path dir;

  public QueueWritableCheck(Path dir) {
    this.dir = dir;
  }

  @Override
  public String name() {
    return "queue.writable";
  }

  @Override
  public HealthResult check() {
    Map<String, Object> m = Map.of("directory", dir.toAbsolutePath().toString());
    if (!Files.isDirectory(dir)) {
      return HealthResult.down(
          "queue directory " + dir + " does not exist or is not a directory", m);
    }
    try {
      Path probe = Files.createTempFile(dir, ".tooltrace-health-", ".tmp");
      Files.delete(probe);
      return HealthResult.up("queue directory " + dir + " is writable", m);
    } catch (IOException | RuntimeException e) {
      return HealthResult.down("queue directory " + dir + " is not writable: " + e, m);
    }
  }
}
