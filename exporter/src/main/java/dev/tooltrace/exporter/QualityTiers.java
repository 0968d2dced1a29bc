/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

/**
 * Maps a tool's self-reported confidence to a quality tier, so dashboards can count LOW calls
 * without histogram arithmetic. Thresholds are inclusive lower bounds.
 */
final class QualityTiers {
  static final String HIGH = "HIGH";
  static final String MEDIUM = "MEDIUM";
  static final String LOW = "LOW";

  private final double high;
  private final double medium;

  QualityTiers(double high, double medium) {
    this.high = high;
    this.medium = medium;
  }

  /** The tier of {@code confidence}, or null when it is NaN (the call reported none). */
  String tierOf(double confidence) {
    if (Double.isNaN(confidence)) {
      return null;
    }
    return confidence >= high ? HIGH : confidence >= medium ? MEDIUM : LOW;
  }

  /** The tier of {@code confidence}, or null when the call reported none. */
  String tierOf(Double confidence) {
    if (confidence == null) {
      return null;
    }
    double c = confidence;
    return c >= high ? HIGH : c >= medium ? MEDIUM : LOW;
  }
}
