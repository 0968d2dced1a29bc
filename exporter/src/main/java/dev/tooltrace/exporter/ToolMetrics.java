/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import dev.tooltrace.record.CallView;
import dev.tooltrace.record.Utf8Slice;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-tool metrics computed from the records as the exporter reads them, so the agent's hot path
 * never touches OpenTelemetry. Called from the single exporter thread only. Calls arrive read in
 * place ({@link CallView}): a tool's instruments and attribute sets are found by the bytes of its
 * name, so a call costs no allocation.
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
  private PerTool[] table = new PerTool[64]; // open addressing by the tool name's bytes
  private int tools;

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

  void record(CallView c) {
    PerTool t = perTool(c.tool());
    calls.add(1, c.error() ? t.error : t.ok);
    if (c.error()) {
      errors.add(1, t.errorType(c.errorType()));
    }
    duration.record(c.durationNanos() / 1e9, t.tool);
    if (c.hasConfidence()) {
      confidence.record(c.confidence(), t.tool);
      quality.add(1, t.tier(tiers.tierOf(c.confidence())));
    }
    if (c.hasCost()) {
      cpu.record(c.cpuNanos() / 1e9, t.tool);
      allocated.record(c.allocatedBytes(), t.tool);
    }
  }

  private PerTool perTool(Utf8Slice name) {
    int mask = table.length - 1;
    int i = name.contentHash() & mask;
    for (PerTool t = table[i]; t != null; t = table[i = (i + 1) & mask]) {
      if (name.contentEquals(t.key, 0, t.key.length)) {
        return t;
      }
    }
    PerTool t = new PerTool(name.toString());
    table[i] = t;
    if (++tools * 2 > table.length) {
      PerTool[] old = table;
      table = new PerTool[old.length * 2];
      for (PerTool x : old) {
        if (x != null) {
          int j = x.hash & (table.length - 1);
          while (table[j] != null) {
            j = (j + 1) & (table.length - 1);
          }
          table[j] = x;
        }
      }
    }
    return t;
  }

  /** Attribute sets of one tool, built once: tools and tiers are few, calls are many. */
  private static final class PerTool {
    final Attributes tool;
    final Attributes ok;
    final Attributes error;
    final Map<String, Attributes> byTier = new HashMap<>();
    final String name;
    final byte[] key;
    final int hash;
    private byte[][] errorTypes = new byte[0][];
    private Attributes[] errorAttrs = new Attributes[0];

    PerTool(String name) {
      this.name = name;
      this.key = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      int h = 1;
      for (byte b : key) {
        h = 31 * h + b;
      }
      this.hash = h;
      this.tool = Attributes.of(TOOL, name);
      this.ok = Attributes.of(TOOL, name, OUTCOME, "ok");
      this.error = Attributes.of(TOOL, name, OUTCOME, "error");
    }

    /** By the exception class's bytes: a tool fails with few distinct types. */
    Attributes errorType(Utf8Slice type) {
      for (int i = 0; i < errorTypes.length; i++) {
        if (type.contentEquals(errorTypes[i], 0, errorTypes[i].length)) {
          return errorAttrs[i];
        }
      }
      String t = type.toString();
      Attributes a = Attributes.of(TOOL, name, ERROR_TYPE, t);
      errorTypes = Arrays.copyOf(errorTypes, errorTypes.length + 1);
      errorAttrs = Arrays.copyOf(errorAttrs, errorAttrs.length + 1);
      errorTypes[errorTypes.length - 1] =
          Arrays.copyOfRange(type.array(), type.offset(), type.offset() + type.length());
      errorAttrs[errorAttrs.length - 1] = a;
      return a;
    }

    Attributes tier(String tier) {
      Attributes a = byTier.get(tier);
      if (a == null) {
        a = Attributes.of(TOOL, name, TIER, tier);
        byTier.put(tier, a);
      }
      return a;
    }
  }
}
