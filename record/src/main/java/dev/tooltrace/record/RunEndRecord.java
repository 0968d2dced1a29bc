/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/** The orderly end of a run (absent when the JVM was killed) with the agent's final counters. */
public record RunEndRecord(
    long queueIndex, String runId, long endEpochNanos, String countersJson) {}
