/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Everything an {@link ExportPipeline} needs, fixed before it starts. OTLP endpoint, protocol,
 * headers, timeout and compression are not here: they come from the standard {@code
 * OTEL_EXPORTER_OTLP_*} settings (environment, system properties) and may be overridden with {@link
 * Builder#otelProperty}.
 */
public final class ExportSettings {
  /** The id under which the committed read position is stored in the queue's metadata. */
  public static final String DEFAULT_CONSUMER_ID = "otlp-exporter";

  /**
   * Default window of batches in flight: the OpenTelemetry OkHttp sender runs up to 5 requests per
   * host at a time, and more would only queue inside it.
   */
  public static final int DEFAULT_MAX_IN_FLIGHT = 4;

  /**
   * The OpenTelemetry senders run at most 5 requests at a time (OkHttp's limit per host; the JDK
   * sender's pool refuses a sixth): a larger window would only queue or be refused.
   */
  public static final int MAX_IN_FLIGHT = 5;

  /**
   * OpenTelemetry's semantic-convention opt-in ({@code OTEL_SEMCONV_STABILITY_OPT_IN}) in its
   * system-property spelling, for {@link Builder#otelProperty}: with {@code
   * gen_ai_latest_experimental} in the list, calls are exported as GenAI {@code execute_tool} spans
   * ({@link GenAiToolCalls}).
   */
  public static final String SEMCONV_OPT_IN_PROPERTY = "otel.semconv-stability.opt-in";

  final Path queueDir;
  final SingleChronicleQueue queue;
  final boolean otlp;
  final Map<String, String> otelProperties;
  final boolean readEnvironment;
  final String consumerId;
  final int maxBatchCalls;
  final int maxInFlight;
  final Duration pollInterval;
  final Duration initialBackoff;
  final Duration maxBackoff;
  final Duration closeTimeout;
  final long metricsFromIndex;
  final boolean toolMetrics;
  final java.util.function.Consumer<io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder>
      meterCustomizer;
  final double qualityHigh;
  final double qualityMedium;
  final List<MetricReader> metricReaders;
  final MeterProvider meterProvider;
  final Consumer<String> logger;
  final boolean quietSdkLogs;

  private ExportSettings(Builder b) {
    if (b.queueDir == null && b.queue == null) {
      throw new IllegalArgumentException("queue directory or queue is required");
    }
    if (!(b.qualityMedium <= b.qualityHigh)) {
      throw new IllegalArgumentException(
          "quality thresholds must satisfy medium <= high, got medium="
              + b.qualityMedium
              + " high="
              + b.qualityHigh);
    }
    this.queueDir = b.queueDir;
    this.queue = b.queue;
    this.otlp = b.otlp;
    this.otelProperties = Map.copyOf(b.otelProperties);
    this.readEnvironment = b.readEnvironment;
    this.consumerId = b.consumerId;
    this.maxBatchCalls = b.maxBatchCalls;
    this.maxInFlight = b.maxInFlight;
    this.pollInterval = b.pollInterval;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.closeTimeout = b.closeTimeout;
    this.metricsFromIndex = b.metricsFromIndex;
    this.toolMetrics = b.toolMetrics;
    this.meterCustomizer = b.meterCustomizer;
    this.qualityHigh = b.qualityHigh;
    this.qualityMedium = b.qualityMedium;
    this.metricReaders = List.copyOf(b.metricReaders);
    this.meterProvider = b.meterProvider;
    this.logger = b.logger;
    this.quietSdkLogs = b.quietSdkLogs;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Settings for {@code dir} with every other value at its default. */
  public static ExportSettings forDir(Path dir) {
    return builder().queueDir(dir).build();
  }

  /** Mutable builder; every setter returns {@code this}. */
  public static final class Builder {
    private Path queueDir;
    private SingleChronicleQueue queue;
    private boolean otlp = true;
    private final Map<String, String> otelProperties = new LinkedHashMap<>();
    private boolean readEnvironment = true;
    private String consumerId = DEFAULT_CONSUMER_ID;
    private int maxBatchCalls = 512;
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private Duration pollInterval = Duration.ofMillis(200);
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration closeTimeout = Duration.ofSeconds(5);
    private long metricsFromIndex;
    private boolean toolMetrics = true;
    private java.util.function.Consumer<io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder>
        meterCustomizer;
    private double qualityHigh = 0.8;
    private double qualityMedium = 0.5;
    private final List<MetricReader> metricReaders = new ArrayList<>();
    private MeterProvider meterProvider;
    private Consumer<String> logger = line -> System.err.println("[tooltrace] " + line);
    private boolean quietSdkLogs = true;

    private Builder() {}

    /** The queue directory; the pipeline opens (and closes) its own queue instance on it. */
    public Builder queueDir(Path dir) {
      this.queueDir = Objects.requireNonNull(dir);
      return this;
    }

    /**
     * An already open queue (the agent's own); the pipeline reads and commits through it and leaves
     * it open on close.
     */
    public Builder queue(SingleChronicleQueue queue) {
      this.queue = Objects.requireNonNull(queue);
      return this;
    }

    /**
     * {@code false} ("export=none"): read records only to update metrics for the given readers or
     * meter provider; nothing is sent over OTLP and no read position is committed (the pipeline
     * starts at the queue's current end).
     */
    public Builder otlp(boolean otlp) {
      this.otlp = otlp;
      return this;
    }

    /**
     * An OpenTelemetry property in its system-property spelling (e.g. {@code
     * otel.exporter.otlp.endpoint}); wins over the environment and system properties.
     */
    public Builder otelProperty(String key, String value) {
      this.otelProperties.put(key, value);
      return this;
    }

    /** Whether {@code OTEL_*} environment variables and {@code otel.*} system properties count. */
    public Builder readEnvironment(boolean read) {
      this.readEnvironment = read;
      return this;
    }

    /** The id of the committed position in the queue (one per independent consumer). */
    public Builder consumerId(String id) {
      this.consumerId = Objects.requireNonNull(id);
      return this;
    }

    /** Calls per OTLP request, at least; whole documents are sent, so one may hold more. */
    public Builder maxBatchCalls(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxBatchCalls must be >= 1");
      }
      this.maxBatchCalls = n;
      return this;
    }

    /**
     * Batches sent and not yet committed, at most: the window of requests in flight. It bounds what
     * a restart sends twice (at most this many batches) and the memory held (their encoded
     * requests). 1 sends one request at a time, as the OpenTelemetry SDK's batch processor does.
     */
    public Builder maxInFlight(int n) {
      if (n < 1 || n > MAX_IN_FLIGHT) {
        throw new IllegalArgumentException("maxInFlight must be 1.." + MAX_IN_FLIGHT);
      }
      this.maxInFlight = n;
      return this;
    }

    /** How long the background thread sleeps when the queue has nothing new. */
    public Builder pollInterval(Duration d) {
      this.pollInterval = positive(d, "pollInterval");
      return this;
    }

    /** First retry delay after a failed batch; doubled per failure up to {@link #maxBackoff}. */
    public Builder initialBackoff(Duration d) {
      this.initialBackoff = positive(d, "initialBackoff");
      return this;
    }

    /** The cap of the retry delay. */
    public Builder maxBackoff(Duration d) {
      this.maxBackoff = positive(d, "maxBackoff");
      return this;
    }

    /**
     * With OTLP off (metrics only), start reading at this queue index (e.g. this run's RUN
     * document) instead of the queue's end, so nothing written before the pipeline started is
     * missed. 0 means the end.
     */
    public Builder metricsFromIndex(long index) {
      this.metricsFromIndex = index;
      return this;
    }

    /** How long {@code close()} keeps exporting what is left before it gives up. */
    /**
     * Whether the pipeline computes the per-tool metrics from the records it reads (default true:
     * the standalone {@code export}). The agent counts them on the calling threads instead and
     * turns this off.
     */
    public Builder toolMetrics(boolean fromRecords) {
      this.toolMetrics = fromRecords;
      return this;
    }

    public Builder closeTimeout(Duration d) {
      this.closeTimeout = Objects.requireNonNull(d);
      return this;
    }

    /** Confidence thresholds of the HIGH and MEDIUM quality tiers (defaults 0.8 and 0.5). */
    public Builder qualityThresholds(double high, double medium) {
      this.qualityHigh = high;
      this.qualityMedium = medium;
      return this;
    }

    /** A reader (e.g. Prometheus) registered on the pipeline's own meter provider. */
    public Builder metricReader(MetricReader reader) {
      this.metricReaders.add(Objects.requireNonNull(reader));
      return this;
    }

    /**
     * Adjusts the pipeline's own meter provider before it is built (views, extra readers), so a
     * caller can put its own instruments and a Prometheus reader on the same provider as the
     * per-tool metrics (see {@link ExportPipeline#meterProvider()}).
     */
    public Builder meterCustomizer(
        java.util.function.Consumer<io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder> c) {
      this.meterCustomizer = c;
      return this;
    }

    /**
     * A meter provider owned by the caller: instruments are created there instead of on a provider
     * of the pipeline's own (then no OTLP metric reader is added and {@link #metricReader} readers
     * are ignored).
     */
    public Builder meterProvider(MeterProvider provider) {
      this.meterProvider = provider;
      return this;
    }

    /** Receives one line per state change (the agent's logger). */
    public Builder logger(Consumer<String> logger) {
      this.logger = Objects.requireNonNull(logger);
      return this;
    }

    /**
     * Whether to silence the OpenTelemetry exporters' own per-attempt failure logging (JUL), so
     * that an outage gives one line, ours. Default true.
     */
    public Builder quietSdkLogs(boolean quiet) {
      this.quietSdkLogs = quiet;
      return this;
    }

    public ExportSettings build() {
      return new ExportSettings(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return d;
    }
  }
}
