/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.data.RecordedData;
import dev.tooltrace.cli.data.TableExporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code export-tables}: calls, values and lineage edges as Parquet (or CSV) files. */
@Command(
    name = "export-tables",
    description = {
      "Write the recorded calls, the values they used and returned, and the lineage edges as"
          + " tables for Spark, Trino, DuckDB or pandas: calls.parquet, values.parquet,"
          + " edges.parquet in --to DIR (--format csv for CSV). Several --dir (many hosts) give"
          + " one set of tables, with links crossing runs.",
      "calls: run_id, trace_id, span_id, parent_span_id, tool, start/end/duration (ns), error,"
          + " confidence, effective_confidence, result_hash, queue, queue_index.",
      "values: span_id, run_id, position (-1 = the returned value), name, content_hash,"
          + " linkable_by_hash, identity_producer_span_id.",
      "edges: consumer_span_id, consumer_run_id, position, element (-1 = the whole value, else"
          + " the index of the element reference), role, producer_span_id, producer_run_id, link"
          + " (identity, hash, crossing runs), element_link (element of arg N, element of return,"
          + " ...), probable (by a sampled hash), crossing_runs.",
      "Needs the query index (tooltrace-index.jar beside the agent jar)."
    })
final class ExportTablesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin QueueOptions queue;
  @Mixin IndexOptions index;
  @Mixin RunOption run;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DIR",
      description = "Directory the table files are written to (created if needed).")
  Path to;

  @Option(names = "--format", paramLabel = "FORMAT", description = "parquet (default) or csv.")
  String format = "parquet";

  @Override
  public Integer call() {
    String f = format.toLowerCase(Locale.ROOT);
    if (!TableExporter.FORMATS.contains(f)) {
      throw CliException.usage(
          "--format " + format + " is not one of " + String.join(", ", TableExporter.FORMATS));
    }
    if (index.noIndex()) {
      throw CliException.usage("export-tables writes from the query index: drop --no-index");
    }
    PrintWriter out = spec.commandLine().getOut();
    List<TableExporter.Table> tables;
    try (RecordedData data = index.openForAggregates(queue, spec.commandLine().getErr())) {
      if (!(data instanceof TableExporter exporter)) {
        throw CliException.usage(
            "export-tables needs the query index, which is not available here"
                + " (tooltrace-index.jar and DuckDB's native library beside the agent jar)");
      }
      tables = exporter.exportTables(to, f, run.resolveOrAll(data::runs));
    }
    for (TableExporter.Table t : tables) {
      out.println(t.name() + ": " + t.rows() + " rows in " + t.file());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
