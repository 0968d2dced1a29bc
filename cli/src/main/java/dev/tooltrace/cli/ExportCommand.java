/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.exporter.ExportPipeline;
import dev.tooltrace.exporter.ExportSettings;
import dev.tooltrace.exporter.ExportStatus;
import dev.tooltrace.record.QueueFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code export --dir DIR [--until-drained]}: drains a queue written by another, possibly dead,
 * process to OTLP, configured by the standard {@code OTEL_EXPORTER_OTLP_*} settings. It resumes at
 * the position committed in the queue (by the agent's own exporter or an earlier run of this
 * command), so records are neither lost nor sent twice beyond one batch.
 *
 * <p>Exit codes: 0 drained (or stopped by a signal), 1 not drained within {@code --max-wait}, 2 bad
 * input. The exporter's own state lines (failing, recovered) go to stderr prefixed {@code tooltrace
 * export:}; a failure to start is a {@link CliException} like every other command's.
 */
@Command(
    name = "export",
    description = {
      "Send the calls recorded in a queue to an OTLP backend (traces, error logs, metrics).",
      "Endpoint, protocol, headers, timeout and compression come from OTEL_EXPORTER_OTLP_*"
          + " (default: gRPC to http://localhost:4317)."
    })
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin QueueOptions queue;

  @Option(
      names = "--until-drained",
      description = "Exit once everything in the queue is exported (default: keep following).")
  boolean untilDrained;

  @Option(
      names = "--max-wait",
      paramLabel = "SECONDS",
      defaultValue = "0",
      description =
          "With --until-drained: give up after this many seconds of retrying (0: no limit).")
  long maxWaitSeconds;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    if (maxWaitSeconds < 0) {
      throw CliException.usage("--max-wait must be >= 0");
    }
    Path dir = queue.dir();
    QueueFiles.requireQueue(dir);
    ExportSettings settings;
    try {
      settings =
          ExportSettings.builder()
              .queueDir(dir)
              .logger(
                  line -> {
                    err.println("tooltrace export: " + line);
                    err.flush();
                  })
              .build();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    ExportPipeline pipeline;
    try {
      pipeline = untilDrained ? ExportPipeline.open(settings) : ExportPipeline.start(settings);
    } catch (RuntimeException e) {
      throw CliException.usage("export cannot start: " + e.getMessage());
    }
    if (untilDrained) {
      Duration wait =
          maxWaitSeconds == 0 ? Duration.ofDays(3650) : Duration.ofSeconds(maxWaitSeconds);
      boolean drained;
      try {
        drained = pipeline.runUntilDrained(wait);
        pipeline.flushMetrics();
      } finally {
        pipeline.close();
      }
      ExportStatus s = pipeline.status();
      out.println(summary(s, drained));
      out.flush();
      return drained ? ExitCodes.OK : ExitCodes.NO_DATA;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  pipeline.close();
                  out.println(summary(pipeline.status(), pipeline.status().lagRecords() == 0));
                  out.flush();
                  stopped.countDown();
                },
                "tooltrace-export-stop"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  private static String summary(ExportStatus s, boolean drained) {
    return (drained ? "drained: " : "NOT drained: ")
        + s.exportedCalls()
        + " calls exported, "
        + s.lagRecords()
        + " documents left, committed index 0x"
        + Long.toHexString(s.committedIndex())
        + (s.lastError() != null && s.failing() ? ", last error: " + s.lastError() : "");
  }
}
