/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.util.Map;

/**
 * System evidence: resource measurements taken at one instant (names such as {@code
 * process.cpu.utilization}, {@code jvm.heap.used}, {@code queue.disk.free}).
 */
public record SampleRecord(
    long queueIndex, String runId, long epochNanos, Map<String, Double> values) {}
