/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

/**
 * Every instrument name tooltrace registers, exactly as ARCHITECTURE.md's metric table spells them
 * (Prometheus turns dots into underscores and appends unit and {@code _total}); {@code
 * MetricNamesTest} keeps the two equal. Here, in the lowest module that registers instruments, so
 * that the exporter and the agent spell each name once.
 */
public final class MetricNames {
  private MetricNames() {}

  // Per tool, computed by the exporter from the records it reads.
  public static final String TOOL_CALLS = "tooltrace.tool.calls";
  public static final String TOOL_ERRORS = "tooltrace.tool.errors";
  public static final String TOOL_DURATION = "tooltrace.tool.duration";
  public static final String TOOL_CONFIDENCE = "tooltrace.tool.confidence";
  public static final String TOOL_QUALITY = "tooltrace.tool.quality";

  /** Thread CPU time of a tool's measured calls ({@code capture.cost}), nested calls included. */
  public static final String TOOL_CPU = "tooltrace.tool.cpu";

  /** Bytes a tool's measured calls allocated ({@code capture.cost}), nested calls included. */
  public static final String TOOL_ALLOCATED = "tooltrace.tool.allocated";

  // The agent's own work: records through the queue and the exporter.
  public static final String RECORDS_WRITTEN = "tooltrace.records.written";
  public static final String RECORDS_EXPORTED = "tooltrace.records.exported";
  public static final String RECORDS_DROPPED = "tooltrace.records.dropped";
  public static final String EXPORT_LAG = "tooltrace.export.lag";
  public static final String EXPORT_LAG_RECORDS = "tooltrace.export.lag.records";

  /** Failed export attempts (each retry counts). */
  public static final String EXPORT_FAILURES = "tooltrace.export.failures";

  // The queue on disk.
  public static final String QUEUE_SIZE = "tooltrace.queue.size";
  public static final String QUEUE_DISK_FREE = "tooltrace.queue.disk.free";

  /** Not ".total": Prometheus names drop a trailing _total from anything but a counter. */
  public static final String QUEUE_DISK_SIZE = "tooltrace.queue.disk.size";

  // Scheduled backup and retention (docs/disaster-recovery.md).
  public static final String BACKUP_LAST_SUCCESS = "tooltrace.backup.last.success";
  public static final String BACKUP_AGE = "tooltrace.backup.age";
  public static final String BACKUP_FILES = "tooltrace.backup.files";
  public static final String RETENTION_DELETED = "tooltrace.retention.deleted";

  // The process and the machine, named by OpenTelemetry's semantic conventions.
  public static final String PROCESS_CPU_UTILIZATION = "process.cpu.utilization";
  public static final String SYSTEM_CPU_UTILIZATION = "system.cpu.utilization";
  public static final String PROCESS_MEMORY_USAGE = "process.memory.usage";
  public static final String JVM_MEMORY_USED = "jvm.memory.used";
  public static final String JVM_MEMORY_LIMIT = "jvm.memory.limit";
  public static final String SYSTEM_MEMORY_USAGE = "system.memory.usage";
  public static final String SYSTEM_MEMORY_LIMIT = "system.memory.limit";

  /** The meter (instrumentation scope) of the exporter's instruments: per tool and export. */
  public static final String METER = "dev.tooltrace";

  /** The meter of the agent's own, the system and the backup instruments. */
  public static final String AGENT_METER = "dev.tooltrace.agent";
}
