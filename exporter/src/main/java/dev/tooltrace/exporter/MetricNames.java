/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

/**
 * Instrument names, exactly as ARCHITECTURE.md's metric table spells them (Prometheus turns dots
 * into underscores and appends unit and {@code _total}).
 */
public final class MetricNames {
  private MetricNames() {}

  public static final String TOOL_CALLS = "tooltrace.tool.calls";
  public static final String TOOL_ERRORS = "tooltrace.tool.errors";
  public static final String TOOL_DURATION = "tooltrace.tool.duration";
  public static final String TOOL_CONFIDENCE = "tooltrace.tool.confidence";
  public static final String TOOL_QUALITY = "tooltrace.tool.quality";

  /** Thread CPU time of a tool's measured calls ({@code capture.cost}), nested calls included. */
  public static final String TOOL_CPU = "tooltrace.tool.cpu";

  /** Bytes a tool's measured calls allocated ({@code capture.cost}), nested calls included. */
  public static final String TOOL_ALLOCATED = "tooltrace.tool.allocated";

  public static final String RECORDS_EXPORTED = "tooltrace.records.exported";
  public static final String EXPORT_LAG = "tooltrace.export.lag";
  public static final String EXPORT_LAG_RECORDS = "tooltrace.export.lag.records";

  /** Not in the table yet: failed export attempts (each retry counts). */
  public static final String EXPORT_FAILURES = "tooltrace.export.failures";

  /** The meter (instrumentation scope) name of every instrument above. */
  public static final String METER = "dev.tooltrace";
}
