/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What the HTML report shows of one run, as data: built by {@link ReportBuilder} from a {@link
 * ReportSource}, serialised as the page's embedded JSON and drawn by the page's script. Every list
 * here is bounded ({@link Limits}), whatever the number of calls, so the page's size is too.
 *
 * <p>Times inside the page are offsets in nanoseconds from {@link Header#startEpochNanos()} (a
 * JavaScript number holds them exactly for runs shorter than 104 days; epoch nanoseconds would not
 * fit), durations are nanoseconds.
 */
public record ReportModel(
    Header header,
    List<ToolRow> tools,
    Timeline timeline,
    List<TraceView> slowestTraces,
    List<ErrorGroup> errors,
    Graph graph,
    JsonNode environment,
    Losses losses) {

  /**
   * The run: who, where, when, how much. {@code state} is {@code ended} (a RUN_END record), {@code
   * running} (no RUN_END and the run's process is alive on this host: the report is a snapshot) or
   * {@code unended} (no RUN_END: the JVM was killed or runs elsewhere).
   */
  public record Header(
      String runId,
      String name,
      List<String> tags,
      String service,
      String gitCommit,
      boolean gitDirty,
      String jvm,
      String host,
      Long pid,
      String start,
      String end,
      long startEpochNanos,
      long durationNanos,
      long calls,
      long errors,
      Long dropped,
      Long recordingFailures,
      String state,
      String source,
      List<String> otherRuns,
      String generatedAt,
      String version) {}

  /** One tool: counts, percentiles (HdrHistogram, 3 significant digits), tiers, histogram. */
  public record ToolRow(
      String tool,
      String operation,
      long calls,
      long errors,
      long p50Nanos,
      long p95Nanos,
      long p99Nanos,
      long maxNanos,
      Tiers tiers,
      Histogram histogram,
      Cost cost) {}

  /**
   * What a tool's measured calls cost ({@code capture.cost}; null when none was measured): thread
   * CPU and allocated bytes, totals and p95 per call (nested calls included), and the totals
   * without nested measured calls.
   */
  public record Cost(
      long calls,
      long cpuTotalNanos,
      long selfCpuTotalNanos,
      long cpuP95Nanos,
      long allocatedTotalBytes,
      long selfAllocatedTotalBytes,
      long allocatedP95Bytes) {}

  /**
   * Calls by the confidence the tool reported: at or above {@code high}, at or above {@code
   * medium}, below, none reported, and rejected (outside [0,1] or NaN).
   */
  public record Tiers(
      double highAt, double mediumAt, long high, long medium, long low, long none, long rejected) {}

  /** Latency histogram: {@code counts[i]} calls took [{@code edges[i]}, {@code edges[i+1]}) ns. */
  public record Histogram(List<Long> edges, List<Long> counts) {}

  /**
   * Calls on threads over time: the run window cut into {@code buckets} equal slices, and per
   * thread the fraction of each slice it spent inside tracked calls (nested calls counted once).
   */
  public record Timeline(long windowNanos, int buckets, List<ThreadRow> rows, int threadsMerged) {}

  /** One thread's row; {@code busy[i]} in [0,1], {@code errors[i]} failed calls ending there. */
  public record ThreadRow(String thread, long calls, List<Double> busy, List<Integer> errors) {}

  /** One of the slowest traces with its calls (the first {@link Limits#TRACE_CALLS} of them). */
  public record TraceView(
      String traceId,
      String rootSpanId,
      String tool,
      String thread,
      long startNanos,
      long durationNanos,
      boolean error,
      List<CallView> calls,
      long callsOmitted) {}

  /** One recorded call as the page shows it. */
  public record CallView(
      String spanId,
      String parentSpanId,
      String traceId,
      String tool,
      String thread,
      long startNanos,
      long durationNanos,
      Double confidence,
      List<ValueView> args,
      ValueView result,
      ErrorView error) {}

  /** An argument or result: type, bounded preview, content hash (first 16 hex digits). */
  public record ValueView(
      String name, String type, String preview, String hash, long size, boolean truncated) {}

  /** The exception a call threw (stack trace cut to {@link Limits#STACK_CHARS}). */
  public record ErrorView(String type, String message, String stackTrace) {}

  /** Failures of one exception type: how many, in which tools, and one example with its stack. */
  public record ErrorGroup(
      String type, long count, Map<String, Long> tools, int messages, CallView example) {}

  /**
   * The lineage graph of the chosen outputs with repeated structure collapsed: calls with the same
   * tool, outcome, effective confidence tier and the same kinds of inputs are one node with a
   * count.
   */
  public record Graph(
      String chosen, List<GraphNode> nodes, List<GraphEdge> edges, int nodesHidden) {}

  /**
   * A node: {@code kind} is {@code call} or {@code input} (a value no recorded call produced).
   * {@code finals} counts the calls whose result no other call used (the run's final outputs).
   */
  public record GraphNode(
      String id,
      String kind,
      String tool,
      String label,
      boolean error,
      String tier,
      long count,
      long finals,
      boolean chosen,
      Double minConfidence,
      long meanNanos,
      CallView example,
      ValueView value) {}

  /** {@code count} usages of values of node {@code from} by calls of node {@code to}. */
  public record GraphEdge(String from, String to, String role, long count) {}

  /** What the agent dropped or cut, and what this report left out to stay bounded. */
  public record Losses(
      Long droppedRecords,
      Long recordingFailures,
      long unreadableDocuments,
      long previewsTruncated,
      long partialHashes,
      long unavailableValues,
      long redactedValues,
      long confidenceRejected,
      List<String> reportLimits) {}
}
