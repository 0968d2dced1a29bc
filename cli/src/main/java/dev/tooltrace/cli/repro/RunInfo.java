/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.repro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tooltrace.cli.analysis.CallStats;
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
  private final long callCount;
  private final long errorCount;

  private RunInfo(
      String id,
      JsonNode env,
      List<CallRecord> calls,
      long start,
      long end,
      boolean ended,
      long callCount,
      long errorCount) {
    this.id = id;
    this.env = env;
    this.calls = calls;
    this.startEpochNanos = start;
    this.endEpochNanos = end;
    this.ended = ended;
    this.callCount = callCount;
    this.errorCount = errorCount;
  }

  private static JsonNode env(RunRecord run) {
    if (run != null) {
      try {
        return Json.MAPPER.readTree(run.environmentJson());
      } catch (Exception e) {
        return MissingNode.getInstance();
      }
    }
    return MissingNode.getInstance();
  }

  /**
   * The figures {@code runs} lists, from the run's RUN and RUN_END records (either may be null) and
   * its aggregated calls ({@code totals} null when it has none), without holding its calls: {@link
   * #calls()} is empty. Start, end and counts are what {@link #of} computes from the calls.
   */
  public static RunInfo summary(
      String runId, RunRecord run, RunEndRecord endRec, CallStats totals) {
    long start =
        run != null ? run.startEpochNanos() : totals == null ? 0 : totals.firstStartEpochNanos();
    long end = start;
    if (totals != null) {
      end = Math.max(end, totals.lastEndEpochNanos());
    }
    if (endRec != null) {
      end = Math.max(end, endRec.endEpochNanos());
    }
    return new RunInfo(
        runId,
        env(run),
        List.of(),
        start,
        end,
        endRec != null,
        totals == null ? 0 : totals.calls(),
        totals == null ? 0 : totals.errors());
  }

  /** The run {@code runId} of {@code rec} (which must hold it). */
  public static RunInfo of(Recording rec, String runId) {
    RunRecord run = rec.run(runId);
    JsonNode env = env(run);
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
    long errors = calls.stream().filter(CallRecord::error).count();
    return new RunInfo(
        runId, env, List.copyOf(calls), start, end, endRec != null, calls.size(), errors);
  }

  public String id() {
    return id;
  }

  public JsonNode env() {
    return env;
  }

  /** The run's calls in start order; empty for a {@link #summary}. */
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
    return errorCount;
  }

  /** How many calls the run recorded (also for a {@link #summary}, which holds none). */
  public long callCount() {
    return callCount;
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
