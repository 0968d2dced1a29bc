/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import java.nio.file.Path;
import java.time.Duration;

/**
 * An exporter process for tests that kill it: drains {@code dir} to an OTLP/HTTP endpoint with a
 * given window and batch size, as {@code export --until-drained} does.
 *
 * <p>Arguments: {@code DIR ENDPOINT MAX_IN_FLIGHT MAX_BATCH_CALLS}.
 */
public final class ExportMain {
  private ExportMain() {}

  public static void main(String[] args) {
    try (ExportPipeline p =
        ExportPipeline.open(
            ExportSettings.builder()
                .queueDir(Path.of(args[0]))
                .readEnvironment(false)
                .otelProperty("otel.exporter.otlp.protocol", "http/protobuf")
                .otelProperty("otel.exporter.otlp.endpoint", args[1])
                .otelProperty("otel.metrics.exporter", "none")
                .otelProperty("otel.logs.exporter", "none")
                .maxInFlight(Integer.parseInt(args[2]))
                .maxBatchCalls(Integer.parseInt(args[3]))
                .logger(line -> System.err.println("[export] " + line))
                .build())) {
      System.out.println("drained: " + p.runUntilDrained(Duration.ofMinutes(2)));
    }
  }
}
