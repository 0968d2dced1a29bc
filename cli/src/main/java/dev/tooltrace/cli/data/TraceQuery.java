/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.data;

/**
 * What {@code show} selects. Every field is optional (null): a run id, a tool (its outermost calls
 * with what is nested in them), a trace id, a span id (that call with what is nested in it), a
 * start-time window over traces, and at most {@code limit} traces, the most recent ones.
 */
public record TraceQuery(
    String runId,
    String tool,
    String traceId,
    String spanId,
    Long sinceEpochNanos,
    Long untilEpochNanos,
    Integer limit) {}
