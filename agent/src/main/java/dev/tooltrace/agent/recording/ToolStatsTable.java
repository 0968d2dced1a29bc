/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import java.util.Arrays;

/**
 * One thread's {@link ToolStats}, indexed by tool id. Written by its own thread only (no lock, no
 * allocation after a tool's first call on the thread); read by the metrics collection, which sums
 * all threads ({@link Recorder#toolStats}).
 */
final class ToolStatsTable {
  private volatile ToolStats[] byId = new ToolStats[16];

  /** The statistics of {@code toolId} on this thread, created at its first call. */
  ToolStats of(int toolId) {
    ToolStats[] t = byId;
    if (toolId < t.length) {
      ToolStats s = t[toolId];
      if (s != null) {
        return s;
      }
    }
    return create(toolId);
  }

  private ToolStats create(int toolId) {
    ToolStats[] t = byId;
    if (toolId >= t.length) {
      t = Arrays.copyOf(t, Math.max(toolId + 1, t.length * 2));
    }
    ToolStats s = new ToolStats(toolId);
    t[toolId] = s;
    byId = t; // publishes the new entry to readers
    return s;
  }

  /** Every tool this thread called (for readers; entries may be null). */
  ToolStats[] all() {
    return byId;
  }
}
