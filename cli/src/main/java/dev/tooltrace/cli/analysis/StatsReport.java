/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import java.util.List;

/**
 * Per-tool statistics over all calls, and per run: the run's totals and its per-tool breakdown
 * (issue 4 asks for success/failure rates per run and per tool). Built by {@link StatsAccumulator},
 * tools sorted by name, runs in order of first appearance.
 */
public record StatsReport(List<CallStats> tools, List<RunStats> runs) {

  /** One run: totals over all its calls and the per-tool statistics within it. */
  public record RunStats(String runId, CallStats total, List<CallStats> tools) {}
}
