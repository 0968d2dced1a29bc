/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes the recorded data as tables other engines read (Spark, Trino, DuckDB, pandas): {@code
 * calls}, {@code values} and {@code edges} (lineage), one file each. Implemented by the index
 * engine, which holds these tables already and writes Parquet itself; a full read of the queues has
 * no such writer.
 */
public interface TableExporter {
  /** The formats {@link #exportTables} writes: the file extension each gets. */
  List<String> FORMATS = List.of("parquet", "csv");

  /**
   * Writes {@code calls.FORMAT}, {@code values.FORMAT} and {@code edges.FORMAT} into {@code dir}
   * (created if needed, files replaced), of one run or of every run ({@code runId} null); returns
   * the files with their row counts.
   */
  List<Table> exportTables(Path dir, String format, String runId);

  /** One file written. */
  record Table(String name, Path file, long rows) {}
}
