/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import dev.tooltrace.record.CallRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a {@link StatsReport} while a queue is read, one call at a time: records are not kept (see
 * {@link CallGroup}), so {@code stats} works on queues much larger than the heap.
 */
public final class StatsAccumulator {
  private final Set<String> runIds = new LinkedHashSet<>();
  private final Map<String, RunGroups> runs = new LinkedHashMap<>();

  private static final class RunGroups {
    final CallGroup total;
    final Map<String, CallGroup> tools = new TreeMap<>();

    RunGroups(String runId) {
      total = new CallGroup(runId);
    }
  }

  /** A run seen in the queue (a RUN document), with or without calls. */
  public void addRun(String runId) {
    runIds.add(runId);
  }

  /**
   * Adds the pre-aggregated calls of one tool in one run (how the persistent index hands over the
   * statistics it keeps); the run's total is the merge of its tools.
   */
  public void addGroup(String runId, CallGroup group) {
    runIds.add(runId);
    RunGroups r = runs.computeIfAbsent(runId, RunGroups::new);
    r.total.addAll(group);
    r.tools.computeIfAbsent(group.name(), CallGroup::new).addAll(group);
  }

  public void add(CallRecord c) {
    runIds.add(c.runId());
    RunGroups r = runs.computeIfAbsent(c.runId(), RunGroups::new);
    r.total.add(c);
    r.tools.computeIfAbsent(c.tool(), CallGroup::new).add(c);
  }

  /** Every run id seen, in order of first appearance. */
  public Set<String> runIds() {
    return Collections.unmodifiableSet(runIds);
  }

  /** Statistics over every run: per tool overall, then per run. */
  public StatsReport report() {
    Map<String, CallGroup> overall = new TreeMap<>();
    List<StatsReport.RunStats> perRun = new ArrayList<>();
    for (String id : runIds) {
      RunGroups r = runs.get(id);
      if (r == null) {
        continue;
      }
      r.tools.forEach((tool, g) -> overall.computeIfAbsent(tool, CallGroup::new).addAll(g));
      perRun.add(runStats(id, r));
    }
    return new StatsReport(stats(overall), perRun);
  }

  /** Statistics of one run only. */
  public StatsReport report(String runId) {
    RunGroups r = runs.get(runId);
    if (r == null) {
      return new StatsReport(List.of(), List.of());
    }
    StatsReport.RunStats s = runStats(runId, r);
    return new StatsReport(s.tools(), List.of(s));
  }

  private static StatsReport.RunStats runStats(String id, RunGroups r) {
    return new StatsReport.RunStats(id, r.total.stats(), stats(r.tools));
  }

  private static List<CallStats> stats(Map<String, CallGroup> groups) {
    List<CallStats> out = new ArrayList<>();
    groups.values().forEach(g -> out.add(g.stats()));
    return out;
  }
}
