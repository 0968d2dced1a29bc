/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tooltrace.cli.analysis.CallStats;
import dev.tooltrace.cli.analysis.CostStats;
import dev.tooltrace.cli.analysis.StatsReport;
import dev.tooltrace.cli.analysis.StatsReport.RunStats;
import java.util.List;

/**
 * Statistics as JSON: {@code {"tools":[…],"runs":[{"runId","total",…,"tools":[…]}]}}. Durations in
 * milliseconds (fractional), rates as fractions in [0,1].
 */
public final class StatsJson {
  private StatsJson() {}

  public static ObjectNode of(StatsReport report) {
    ObjectNode root = Json.object();
    rows(root.putArray("tools"), report.tools());
    ArrayNode runs = root.putArray("runs");
    for (RunStats r : report.runs()) {
      ObjectNode o = runs.addObject();
      o.put("runId", r.runId());
      o.set("total", stats(r.total()));
      rows(o.putArray("tools"), r.tools());
    }
    return root;
  }

  private static void rows(ArrayNode arr, List<CallStats> rows) {
    for (CallStats s : rows) {
      ObjectNode o = stats(s);
      o.put("tool", s.name());
      arr.add(o);
    }
  }

  private static ObjectNode stats(CallStats s) {
    ObjectNode o = Json.object();
    o.put("calls", s.calls());
    o.put("errors", s.errors());
    o.put("ok", s.ok());
    o.put("successRate", s.successRate());
    o.put("failureRate", s.failureRate());
    o.put("minMs", s.minNanos() / 1e6);
    o.put("p50Ms", s.p50Nanos() / 1e6);
    o.put("p95Ms", s.p95Nanos() / 1e6);
    o.put("p99Ms", s.p99Nanos() / 1e6);
    o.put("maxMs", s.maxNanos() / 1e6);
    o.put("firstStart", Fmt.time(s.firstStartEpochNanos()));
    o.put("lastEnd", Fmt.time(s.lastEndEpochNanos()));
    o.put("windowSeconds", s.windowNanos() / 1e9);
    if (s.throughputPerSecond() == null) {
      o.putNull("throughputPerSecond");
    } else {
      o.put("throughputPerSecond", s.throughputPerSecond());
    }
    if (s.meanConfidence() != null) {
      o.put("meanConfidence", s.meanConfidence());
    }
    o.put("confidenceCount", s.confidenceCount());
    CostStats c = s.cost();
    if (c != null) {
      ObjectNode cost = o.putObject("cost");
      cost.put("calls", c.calls());
      cost.put("cpuTotalMs", c.cpuTotalNanos() / 1e6);
      cost.put("selfCpuTotalMs", c.selfCpuTotalNanos() / 1e6);
      cost.put("cpuP50Ms", c.cpuP50Nanos() / 1e6);
      cost.put("cpuP95Ms", c.cpuP95Nanos() / 1e6);
      cost.put("cpuP99Ms", c.cpuP99Nanos() / 1e6);
      cost.put("allocatedTotalBytes", c.allocatedTotalBytes());
      cost.put("selfAllocatedTotalBytes", c.selfAllocatedTotalBytes());
      cost.put("allocatedP50Bytes", c.allocatedP50Bytes());
      cost.put("allocatedP95Bytes", c.allocatedP95Bytes());
      cost.put("allocatedP99Bytes", c.allocatedP99Bytes());
    }
    return o;
  }
}
