/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import dev.tooltrace.record.CallRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-tool metrics computed from the records as the exporter reads them, so the agent's hot path
 * never touches OpenTelemetry. Called from the single exporter thread only.
 */
final class ToolMetrics {
  static final AttributeKey<String> TOOL = AttributeKey.stringKey("tool");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error_type");
  static final AttributeKey<String> TIER = AttributeKey.stringKey("tier");

  /** Seconds; tools range from microseconds (parsers) to minutes (training). */
  static final List<Double> DURATION_BUCKETS =
      List.of(
          0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
          30.0, 60.0, 300.0);

  /** Bytes: from a few objects to a large batch. */
  static final List<Double> ALLOCATED_BUCKETS =
      List.of(
          1024.0, 16384.0, 131072.0, 1048576.0, 8388608.0, 67108864.0, 536870912.0, 4294967296.0);

  static final List<Double> CONFIDENCE_BUCKETS =
      List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0);

  private final LongCounter calls;
  private final LongCounter errors;
  private final DoubleHistogram duration;
  private final DoubleHistogram confidence;
  private final LongCounter quality;
  private final DoubleHistogram cpu;
  private final DoubleHistogram allocated;
  private final QualityTiers tiers;
  private final Map<String, PerTool> perTool = new HashMap<>();

  ToolMetrics(Meter meter, QualityTiers tiers) {
    this.tiers = tiers;
    calls =
        meter
            .counterBuilder(MetricNames.TOOL_CALLS)
            .setUnit("{call}")
            .setDescription("Calls of a tracked tool, by outcome")
            .build();
    errors =
        meter
            .counterBuilder(MetricNames.TOOL_ERRORS)
            .setUnit("{error}")
            .setDescription("Failed calls of a tracked tool, by exception type")
            .build();
    duration =
        meter
            .histogramBuilder(MetricNames.TOOL_DURATION)
            .setUnit("s")
            .setDescription("Duration of a tracked tool's calls")
            .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
            .build();
    confidence =
        meter
            .histogramBuilder(MetricNames.TOOL_CONFIDENCE)
            .setUnit("1")
            .setDescription("Confidence a tool reported for its result (0..1)")
            .setExplicitBucketBoundariesAdvice(CONFIDENCE_BUCKETS)
            .build();
    quality =
        meter
            .counterBuilder(MetricNames.TOOL_QUALITY)
            .setUnit("{call}")
            .setDescription("Calls of a tool by quality tier of their confidence")
            .build();
    cpu =
        meter
            .histogramBuilder(MetricNames.TOOL_CPU)
            .setUnit("s")
            .setDescription(
                "Thread CPU time of a tool's calls, nested calls included (capture.cost)")
            .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
            .build();
    allocated =
        meter
            .histogramBuilder(MetricNames.TOOL_ALLOCATED)
            .setUnit("By")
            .setDescription("Bytes a tool's calls allocated, nested calls included (capture.cost)")
            .setExplicitBucketBoundariesAdvice(ALLOCATED_BUCKETS)
            .build();
  }

  void record(CallRecord c) {
    PerTool t = perTool.computeIfAbsent(c.tool(), PerTool::new);
    calls.add(1, c.error() ? t.error : t.ok);
    if (c.error()) {
      String type = c.errorInfo() != null ? c.errorInfo().type() : "unknown";
      errors.add(1, t.errorType(type));
    }
    duration.record(c.durationNanos() / 1e9, t.tool);
    if (c.confidence() != null) {
      confidence.record(c.confidence(), t.tool);
      quality.add(1, t.tier(tiers.tierOf(c.confidence())));
    }
    if (c.hasCost()) {
      cpu.record(c.cpuNanos() / 1e9, t.tool);
      allocated.record(c.allocatedBytes(), t.tool);
    }
  }

  /** Attribute sets of one tool, built once: tools and tiers are few, calls are many. */
  private static final class PerTool {
    final Attributes tool;
    final Attributes ok;
    final Attributes error;
    final Map<String, Attributes> byErrorType = new HashMap<>();
    final Map<String, Attributes> byTier = new HashMap<>();
    final String name;

    PerTool(String name) {
      this.name = name;
      this.tool = Attributes.of(TOOL, name);
      this.ok = Attributes.of(TOOL, name, OUTCOME, "ok");
      this.error = Attributes.of(TOOL, name, OUTCOME, "error");
    }

    Attributes errorType(String type) {
      return byErrorType.computeIfAbsent(type, x -> Attributes.of(TOOL, name, ERROR_TYPE, x));
    }

    Attributes tier(String tier) {
      return byTier.computeIfAbsent(tier, x -> Attributes.of(TOOL, name, TIER, x));
    }
  }
}
