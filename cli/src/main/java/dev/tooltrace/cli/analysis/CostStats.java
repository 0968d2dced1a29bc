/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

/**
 * What a group's measured calls cost ({@code capture.cost}): totals and nearest-rank percentiles of
 * each call's thread CPU time and allocated bytes (nested calls included), and the totals without
 * nested measured calls ("self").
 *
 * @param calls the calls that were measured (a tool may be measured in one run and not another)
 */
public record CostStats(
    long calls,
    long cpuTotalNanos,
    long selfCpuTotalNanos,
    long cpuP50Nanos,
    long cpuP95Nanos,
    long cpuP99Nanos,
    long allocatedTotalBytes,
    long selfAllocatedTotalBytes,
    long allocatedP50Bytes,
    long allocatedP95Bytes,
    long allocatedP99Bytes) {}
