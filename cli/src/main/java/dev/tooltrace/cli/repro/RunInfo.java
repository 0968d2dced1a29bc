/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.repro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tooltrace.cli.analysis.Recording;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RunEndRecord;
import dev.tooltrace.record.RunRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One run as the reproducibility commands see it: its RUN environment (parsed), its calls in start
 * order, and the figures {@code runs} lists. A run whose RUN document is missing (rolled away)
 * still has its calls; its environment is then empty.
 */
public final class RunInfo {
  private final String id;
  private final JsonNode env;
  private final List<CallRecord> calls;
  private final long startEpochNanos;
  private final long endEpochNanos;
  private final boolean ended;

  private RunInfo(
      String id, JsonNode env, List<CallRecord> calls, long start, long end, boolean ended) {
    this.id = id;
    this.env = env;
    this.calls = calls;
    this.startEpochNanos = start;
    this.endEpochNanos = end;
    this.ended = ended;
  }

  /** The run {@code runId} of {@code rec} (which must hold it). */
  public static RunInfo of(Recording rec, String runId) {
    RunRecord run = rec.run(runId);
    JsonNode env = MissingNode.getInstance();
    if (run != null) {
      try {
        env = Json.MAPPER.readTree(run.environmentJson());
      } catch (Exception e) {
        env = MissingNode.getInstance();
      }
    }
    List<CallRecord> calls = new ArrayList<>();
    for (CallRecord c : rec.calls()) {
      if (c.runId().equals(runId)) {
        calls.add(c);
      }
    }
    // Start order; queue order breaks ties (stable sort).
    calls.sort(Comparator.comparingLong(CallRecord::startEpochNanos));
    long start =
        run != null ? run.startEpochNanos() : calls.isEmpty() ? 0 : calls.get(0).startEpochNanos();
    RunEndRecord endRec = rec.runEnd(runId);
    long end = start;
    for (CallRecord c : calls) {
      end = Math.max(end, c.endEpochNanos());
    }
    if (endRec != null) {
      end = Math.max(end, endRec.endEpochNanos());
    }
    return new RunInfo(runId, env, List.copyOf(calls), start, end, endRec != null);
  }

  public String id() {
    return id;
  }

  public JsonNode env() {
    return env;
  }

  public List<CallRecord> calls() {
    return calls;
  }

  public String name() {
    return env.path("tooltrace.run.name").asText("");
  }

  public List<String> tags() {
    List<String> t = new ArrayList<>();
    env.path("tooltrace.run.tags").forEach(n -> t.add(n.asText()));
    return t;
  }

  public long startEpochNanos() {
    return startEpochNanos;
  }

  public long durationNanos() {
    return endEpochNanos - startEpochNanos;
  }

  /** Whether the run ended in order (a RUN_END record exists). */
  public boolean ended() {
    return ended;
  }

  public long errors() {
    return calls.stream().filter(CallRecord::error).count();
  }

  public String gitCommit() {
    return env.path("git").path("commit").asText("");
  }

  public boolean gitDirty() {
    return env.path("git").path("dirty").asBoolean(false);
  }

  /** A setting of the agent in this run ({@code tooltrace.config}), or {@code def}. */
  public String config(String key, String def) {
    JsonNode n = env.path("tooltrace.config").path(key);
    return n.isMissingNode() || n.isNull() ? def : n.asText();
  }
}
