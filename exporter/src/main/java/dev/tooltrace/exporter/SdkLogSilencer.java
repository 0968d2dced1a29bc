/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns off the OpenTelemetry exporters' own java.util.logging output: they log every failed
 * attempt, and the pipeline already reports an outage in one line per state change. The loggers are
 * held strongly, because JUL forgets the level of a logger that was garbage collected.
 *
 * <p>JUL is JVM-global: an application with its own OpenTelemetry SDK loses those two loggers'
 * output too. {@code ExportSettings.quietSdkLogs(false)} keeps them.
 */
final class SdkLogSilencer {
  private static final List<String> NAMES =
      List.of(
          "io.opentelemetry.exporter.otlp.internal",
          "io.opentelemetry.sdk.metrics.export.PeriodicMetricReader");
  private static volatile SdkLogSilencer instance;

  @SuppressWarnings("unused") // strong references keep the levels
  private final List<Logger> loggers;

  private SdkLogSilencer() {
    this.loggers = NAMES.stream().map(Logger::getLogger).toList();
    loggers.forEach(l -> l.setLevel(Level.OFF));
  }

  static synchronized SdkLogSilencer silence() {
    if (instance == null) {
      instance = new SdkLogSilencer();
    }
    return instance;
  }
}
