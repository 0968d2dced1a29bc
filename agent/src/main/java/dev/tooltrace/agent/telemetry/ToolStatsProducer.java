/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry;

import dev.tooltrace.exporter.MetricNames;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The per-tool metrics ({@code tooltrace.tool.calls}, {@code .errors}, {@code .duration}, {@code
 * .confidence}, {@code .quality}, and with {@code capture.cost} {@code .cpu} and {@code
 * .allocated}) from the counters the recorder keeps on the calling threads, handed to every metric
 * reader of the agent's meter provider (Prometheus {@code /metrics}, OTLP) at each collection. Same
 * names, units, attributes, buckets and cumulative temporality as the exporter's instruments that
 * compute them from records (the standalone {@code export}); inside the agent nothing has to decode
 * the queue for them, with or without OTLP export.
 *
 * <p>Points are built with the SDK's {@code internal.data} value classes: the agent bundles its own
 * pinned SDK, so their shape cannot change under it.
 */
public final class ToolStatsProducer implements MetricProducer {
  static final AttributeKey<String> TOOL = AttributeKey.stringKey("tool");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error_type");
  static final AttributeKey<String> TIER = AttributeKey.stringKey("tier");

  private final Supplier<Collection<ToolStatsSnapshot>> source;
  private final long startEpochNanos;
  private final InstrumentationScopeInfo scope;

  /**
   * @param source sums the per-thread counters of every tool at the moment it is called
   * @param startEpochNanos start of the cumulative counts (the agent's start)
   */
  public ToolStatsProducer(
      Supplier<Collection<ToolStatsSnapshot>> source, long startEpochNanos, String version) {
    this.source = source;
    this.startEpochNanos = startEpochNanos;
    this.scope = InstrumentationScopeInfo.builder(MetricNames.METER).setVersion(version).build();
  }

  @Override
  public Collection<MetricData> produce(Resource resource) {
    long now = System.currentTimeMillis() * 1_000_000L;
    List<LongPointData> calls = new ArrayList<>();
    List<LongPointData> errors = new ArrayList<>();
    List<LongPointData> quality = new ArrayList<>();
    List<HistogramPointData> duration = new ArrayList<>();
    List<HistogramPointData> confidence = new ArrayList<>();
    List<HistogramPointData> cpu = new ArrayList<>();
    List<HistogramPointData> allocated = new ArrayList<>();
    for (ToolStatsSnapshot s : source.get()) {
      if (s.calls() == 0) {
        continue;
      }
      Attributes tool = Attributes.of(TOOL, s.tool);
      point(calls, now, Attributes.of(TOOL, s.tool, OUTCOME, "ok"), s.ok);
      point(calls, now, Attributes.of(TOOL, s.tool, OUTCOME, "error"), s.error);
      for (Map.Entry<String, Long> e : s.errorsByType.entrySet()) {
        point(errors, now, Attributes.of(TOOL, s.tool, ERROR_TYPE, e.getKey()), e.getValue());
      }
      duration.add(
          histogram(
              now,
              tool,
              s.durationSum,
              s.durationMin,
              s.durationMax,
              ToolStatsSnapshot.durationBounds(),
              s.durationCounts));
      if (s.confidenceCount() > 0) {
        confidence.add(
            histogram(
                now,
                tool,
                s.confidenceSum,
                s.confidenceMin,
                s.confidenceMax,
                ToolStatsSnapshot.confidenceBoundsList(),
                s.confidenceCounts));
        point(quality, now, Attributes.of(TOOL, s.tool, TIER, "HIGH"), s.high);
        point(quality, now, Attributes.of(TOOL, s.tool, TIER, "MEDIUM"), s.medium);
        point(quality, now, Attributes.of(TOOL, s.tool, TIER, "LOW"), s.low);
      }
      if (s.costed > 0) {
        cpu.add(
            histogram(
                now,
                tool,
                s.cpuSum,
                s.cpuMin,
                s.cpuMax,
                ToolStatsSnapshot.durationBounds(),
                s.cpuCounts));
        allocated.add(
            histogram(
                now,
                tool,
                s.allocatedSum,
                s.allocatedMin,
                s.allocatedMax,
                ToolStatsSnapshot.ALLOCATED_BUCKETS_BYTES,
                s.allocatedCounts));
      }
    }
    List<MetricData> out = new ArrayList<>(7);
    sum(
        out,
        resource,
        MetricNames.TOOL_CALLS,
        "Calls of a tracked tool, by outcome",
        "{call}",
        calls);
    sum(
        out,
        resource,
        MetricNames.TOOL_ERRORS,
        "Failed calls of a tracked tool, by exception type",
        "{error}",
        errors);
    histogram(
        out,
        resource,
        MetricNames.TOOL_DURATION,
        "Duration of a tracked tool's calls",
        "s",
        duration);
    histogram(
        out,
        resource,
        MetricNames.TOOL_CONFIDENCE,
        "Confidence a tool reported for its result (0..1)",
        "1",
        confidence);
    sum(
        out,
        resource,
        MetricNames.TOOL_QUALITY,
        "Calls of a tool by quality tier of their confidence",
        "{call}",
        quality);
    histogram(
        out,
        resource,
        MetricNames.TOOL_CPU,
        "Thread CPU time of a tool's calls, nested calls included (capture.cost)",
        "s",
        cpu);
    histogram(
        out,
        resource,
        MetricNames.TOOL_ALLOCATED,
        "Bytes a tool's calls allocated, nested calls included (capture.cost)",
        "By",
        allocated);
    return out;
  }

  /** A point only for what happened (the SDK's instruments have none for untouched attributes). */
  private void point(List<LongPointData> into, long now, Attributes a, long value) {
    if (value > 0) {
      into.add(ImmutableLongPointData.create(startEpochNanos, now, a, value));
    }
  }

  private HistogramPointData histogram(
      long now,
      Attributes a,
      double sum,
      double min,
      double max,
      List<Double> bounds,
      long[] counts) {
    List<Long> c = new ArrayList<>(counts.length);
    for (long n : counts) {
      c.add(n);
    }
    return ImmutableHistogramPointData.create(
        startEpochNanos, now, a, sum, true, min, true, max, bounds, c);
  }

  private void sum(
      List<MetricData> out,
      Resource r,
      String name,
      String description,
      String unit,
      List<LongPointData> points) {
    if (!points.isEmpty()) {
      out.add(
          ImmutableMetricData.createLongSum(
              r,
              scope,
              name,
              description,
              unit,
              ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, points)));
    }
  }

  private void histogram(
      List<MetricData> out,
      Resource r,
      String name,
      String description,
      String unit,
      List<HistogramPointData> points) {
    if (!points.isEmpty()) {
      out.add(
          ImmutableMetricData.createDoubleHistogram(
              r,
              scope,
              name,
              description,
              unit,
              ImmutableHistogramData.create(AggregationTemporality.CUMULATIVE, points)));
    }
  }
}
