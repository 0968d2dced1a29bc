/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import dev.tooltrace.record.CallRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-tool statistics over all calls, and per run: the run's totals and its per-tool breakdown
 * (issue 4 asks for success/failure rates per run and per tool).
 */
public record StatsReport(List<CallStats> tools, List<RunStats> runs) {

  /** One run: totals over all its calls and the per-tool statistics within it. */
  public record RunStats(String runId, CallStats total, List<CallStats> tools) {}

  public static StatsReport of(Recording recording) {
    List<CallRecord> calls = recording.calls();
    List<CallStats> tools = byTool(calls);
    Map<String, List<CallRecord>> byRun = new LinkedHashMap<>();
    for (String run : recording.runIds()) {
      byRun.put(run, new ArrayList<>());
    }
    for (CallRecord c : calls) {
      byRun.get(c.runId()).add(c);
    }
    List<RunStats> runs = new ArrayList<>();
    for (Map.Entry<String, List<CallRecord>> e : byRun.entrySet()) {
      if (!e.getValue().isEmpty()) {
        runs.add(
            new RunStats(e.getKey(), CallStats.of(e.getKey(), e.getValue()), byTool(e.getValue())));
      }
    }
    return new StatsReport(tools, runs);
  }

  /** Statistics per tool name, sorted by tool name. */
  public static List<CallStats> byTool(List<CallRecord> calls) {
    Map<String, List<CallRecord>> groups = new TreeMap<>();
    for (CallRecord c : calls) {
      groups.computeIfAbsent(c.tool(), k -> new ArrayList<>()).add(c);
    }
    List<CallStats> out = new ArrayList<>();
    groups.forEach((tool, group) -> out.add(CallStats.of(tool, group)));
    return out;
  }
}
