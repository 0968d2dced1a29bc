/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry;

import dev.tooltrace.exporter.MetricNames;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.util.List;
import java.util.function.Consumer;

/**
 * The agent's one {@link SdkMeterProvider}: a {@link PrometheusMetricReader} (pull, served by
 * {@code /metrics} on the agent's own HTTP port rather than the reader's HTTP server) plus any
 * further readers (an OTLP periodic reader from the exporter). The provider is built by the agent,
 * never registered as the global OpenTelemetry: the application may have its own. Views here fix
 * the histogram buckets of the per-tool instruments for every reader alike.
 */
public final class MeterSetup implements AutoCloseable {
  /** Instrumentation scope of the agent's instruments. */
  public static final String SCOPE = MetricNames.AGENT_METER;

  /** Buckets of {@code tooltrace.tool.duration} (seconds), see {@link ToolStatsSnapshot}. */
  public static final List<Double> DURATION_BUCKETS_SECONDS =
      ToolStatsSnapshot.DURATION_BUCKETS_SECONDS;

  /**
   * Buckets of {@code tooltrace.tool.allocated} (capture.cost, bytes), see {@link
   * ToolStatsSnapshot}.
   */
  public static final List<Double> ALLOCATED_BUCKETS_BYTES =
      ToolStatsSnapshot.ALLOCATED_BUCKETS_BYTES;

  /** Buckets of {@code tooltrace.tool.confidence}, a value in [0, 1]. */
  public static final List<Double> CONFIDENCE_BUCKETS = ToolStatsSnapshot.CONFIDENCE_BUCKETS;

  private final SdkMeterProvider provider;
  private final PrometheusMetricReader prometheus;

  private MeterSetup(SdkMeterProvider provider, PrometheusMetricReader prometheus) {
    this.provider = provider;
    this.prometheus = prometheus;
  }

  /**
   * @param customizer adds views (e.g. histogram buckets for {@code tooltrace.tool.duration})
   *     before the provider is built; may be {@code null}
   */
  public static MeterSetup create(
      Resource resource,
      List<MetricReader> otherReaders,
      Consumer<SdkMeterProviderBuilder> customizer) {
    PrometheusMetricReader prometheus = PrometheusMetricReader.create();
    SdkMeterProviderBuilder b =
        SdkMeterProvider.builder().setResource(resource).registerMetricReader(prometheus);
    addViews(b);
    for (MetricReader r : otherReaders) {
      b.registerMetricReader(r);
    }
    if (customizer != null) {
      customizer.accept(b);
    }
    return new MeterSetup(b.build(), prometheus);
  }

  /** The histogram buckets of the tool duration and confidence instruments. */
  public static void addViews(SdkMeterProviderBuilder b) {
    b.registerView(
        InstrumentSelector.builder().setName(MetricNames.TOOL_DURATION).build(),
        View.builder()
            .setAggregation(Aggregation.explicitBucketHistogram(DURATION_BUCKETS_SECONDS))
            .build());
    b.registerView(
        InstrumentSelector.builder().setName(MetricNames.TOOL_CPU).build(),
        View.builder()
            .setAggregation(Aggregation.explicitBucketHistogram(DURATION_BUCKETS_SECONDS))
            .build());
    b.registerView(
        InstrumentSelector.builder().setName(MetricNames.TOOL_ALLOCATED).build(),
        View.builder()
            .setAggregation(Aggregation.explicitBucketHistogram(ALLOCATED_BUCKETS_BYTES))
            .build());
    b.registerView(
        InstrumentSelector.builder().setName(MetricNames.TOOL_CONFIDENCE).build(),
        View.builder()
            .setAggregation(Aggregation.explicitBucketHistogram(CONFIDENCE_BUCKETS))
            .build());
  }

  public SdkMeterProvider provider() {
    return provider;
  }

  public PrometheusMetricReader prometheusReader() {
    return prometheus;
  }

  /** The meter for the agent's own and system instruments. */
  public Meter meter() {
    return provider.get(SCOPE);
  }

  @Override
  public void close() {
    provider.close();
  }
}
