/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.data;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The service the index engine ({@code tooltrace-index.jar}) provides: opens, builds or updates the
 * index of a set of queues in {@code indexDir} and answers from it. Found with {@link
 * java.util.ServiceLoader}; see {@link IndexEngine}.
 */
public interface RecordedDataProvider {
  /**
   * Opens the index; brings it up to date with the queues first. Problems with the index itself
   * (damaged, another format version, another set of queues) are one line on {@code err} and a
   * rebuild, never an error. {@code readsRecords} says whether the answers will read records back
   * from the queues (previews, whole runs) or only the index's own tables (statistics), so that the
   * queues are opened ahead only when they will be read.
   */
  RecordedData open(QueueSet queues, Path indexDir, boolean readsRecords, PrintWriter err);
}
