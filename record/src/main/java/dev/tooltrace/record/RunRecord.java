/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/**
 * The start of a run (one JVM with the agent): its id and environment snapshot, a JSON object (see
 * the reproducibility section of ARCHITECTURE.md for its fields).
 */
public record RunRecord(
    long queueIndex, String runId, long startEpochNanos, long pid, String environmentJson) {}
