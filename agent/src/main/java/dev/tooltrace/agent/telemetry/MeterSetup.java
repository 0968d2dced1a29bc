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

  /**
   * Buckets of {@code tooltrace.tool.duration} (seconds): the SDK's default buckets are made for
   * milliseconds and would put every call under 5 s into one bucket, leaving {@code
   * histogram_quantile} nothing to interpolate.
   */
  public static final List<Double> DURATION_BUCKETS_SECONDS =
      List.of(
          0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
          0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0);

  /** Buckets of {@code tooltrace.tool.allocated} (capture.cost), in bytes: 1 KiB to 4 GiB. */
  public static final List<Double> ALLOCATED_BUCKETS_BYTES =
      List.of(
          1024.0, 16384.0, 131072.0, 1048576.0, 8388608.0, 67108864.0, 536870912.0, 4294967296.0);

  /** Buckets of {@code tooltrace.tool.confidence}, a value in [0, 1]. */
  public static final List<Double> CONFIDENCE_BUCKETS =
      List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0);

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
