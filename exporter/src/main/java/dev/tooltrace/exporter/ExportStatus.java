/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

/**
 * A snapshot of the pipeline's state, for health endpoints and the CLI.
 *
 * @param exportedCalls call records the backend accepted since this pipeline started
 * @param committedIndex the committed queue index (next document to read), 0 when none
 * @param lagRecords queue documents written but not yet committed
 * @param lagSeconds age of the oldest call not yet accepted, 0 when caught up
 * @param lastSuccessEpochMillis when a batch was last accepted, 0 when never
 * @param failing whether the last attempt failed
 * @param consecutiveFailures failed attempts since the last success
 * @param lastError the reason of the last failure, null when none
 * @param corruptDocuments documents skipped because they could not be decoded
 */
public record ExportStatus(
    long exportedCalls,
    long committedIndex,
    long lagRecords,
    double lagSeconds,
    long lastSuccessEpochMillis,
    boolean failing,
    int consecutiveFailures,
    String lastError,
    long corruptDocuments) {}
