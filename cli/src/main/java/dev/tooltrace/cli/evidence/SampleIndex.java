/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.evidence;

import dev.tooltrace.record.SampleRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's SAMPLE documents ordered by time, to join any call to the sample nearest in time
 * (binary search, so joining every call of a long run stays cheap).
 */
final class SampleIndex {
  private final List<SampleRecord> samples;
  private final long[] times;

  SampleIndex(List<SampleRecord> unsorted) {
    samples = new ArrayList<>(unsorted);
    samples.sort(Comparator.comparingLong(SampleRecord::epochNanos));
    times = samples.stream().mapToLong(SampleRecord::epochNanos).toArray();
  }

  List<SampleRecord> all() {
    return samples;
  }

  /** The sample nearest to {@code epochNanos}, or null when there is none. */
  SampleRecord nearest(long epochNanos) {
    if (times.length == 0) {
      return null;
    }
    int i = java.util.Arrays.binarySearch(times, epochNanos);
    if (i >= 0) {
      return samples.get(i);
    }
    int after = -i - 1;
    if (after == 0) {
      return samples.get(0);
    }
    if (after == times.length) {
      return samples.get(times.length - 1);
    }
    long dBefore = epochNanos - times[after - 1];
    long dAfter = times[after] - epochNanos;
    return samples.get(dBefore <= dAfter ? after - 1 : after);
  }

  EvidenceReport.NearestSample join(long epochNanos) {
    SampleRecord s = nearest(epochNanos);
    if (s == null) {
      return null;
    }
    return new EvidenceReport.NearestSample(
        Times.iso(s.epochNanos()), (s.epochNanos() - epochNanos) / 1e9, finite(s.values()));
  }

  /** NaN marks a measurement the agent could not take: leave it out rather than print NaN. */
  static Map<String, Double> finite(Map<String, Double> values) {
    Map<String, Double> out = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (v != null && !v.isNaN() && !v.isInfinite()) {
            out.put(k, v);
          }
        });
    return out;
  }
}
