/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The evidence report of one run, as data: the JSON output is this object serialised, the Markdown
 * output is rendered from it. Times are ISO-8601 instants (UTC), durations milliseconds.
 */
public record EvidenceReport(
    String queueDir,
    Run run,
    Span span,
    List<Tool> tools,
    List<SlowCall> slowestCalls,
    List<ErrorGroup> errors,
    Resources resources,
    List<String> otherRuns,
    long corruptDocuments) {

  /** The RUN document: id, pid, and the environment snapshot (JSON object, null if absent). */
  public record Run(String runId, Long pid, String start, JsonNode environment) {}

  /** Wall-clock span: from the run's start (or first record) to its end (or last record). */
  public record Span(String start, String end, double seconds, boolean endedOrderly) {}

  public record Tool(
      String tool,
      long calls,
      long errors,
      double errorRate,
      double p50Ms,
      double p95Ms,
      double p99Ms,
      double maxMs,
      double callsPerSecond) {}

  /** One call with the system sample nearest to its start (null when there are no samples). */
  public record SlowCall(
      String tool,
      String start,
      double durationMs,
      boolean error,
      String traceId,
      String spanId,
      NearestSample sample) {}

  /** Every failure with the same tool, exception type and message. */
  public record ErrorGroup(
      String tool,
      String type,
      String message,
      long count,
      String firstAt,
      String firstTraceId,
      String firstSpanId,
      NearestSample sample) {}

  /** A SAMPLE document joined to a call: its time, its distance from the call, its values. */
  public record NearestSample(String at, double offsetSeconds, Map<String, Double> values) {}

  /** Resource use over time: min/mean/max per measurement, and every sample. */
  public record Resources(int samples, Map<String, Stat> summary, List<Sample> series) {}

  public record Stat(double min, double mean, double max) {}

  public record Sample(String at, Map<String, Double> values) {}
}
