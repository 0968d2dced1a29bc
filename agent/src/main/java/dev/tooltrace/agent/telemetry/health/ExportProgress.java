/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry.health;

/**
 * What the exporter tells the health check, read on the HTTP thread (implementations return
 * volatile fields, never block).
 */
public interface ExportProgress {
  /**
   * Seconds since the oldest record not yet accepted by the backend was written; 0 when the
   * exporter has caught up. It grows while delivery fails.
   */
  double lagSeconds();

  /** Records written but not yet accepted by the backend; -1 when unknown. */
  default long pendingRecords() {
    return -1;
  }

  /** The last delivery failure, or {@code null} if the last attempt succeeded. */
  default String lastError() {
    return null;
  }
}
