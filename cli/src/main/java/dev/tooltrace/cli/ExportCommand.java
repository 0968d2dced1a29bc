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
 * input.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Send the calls recorded in a queue to an OTLP backend (traces, error logs, metrics).",
      "Endpoint, protocol, headers, timeout and compression come from OTEL_EXPORTER_OTLP_*"
          + " (default: gRPC to http://localhost:4317)."
    })
public final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Queue directory.")
  Path dir;

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
      err.println("tooltrace export: --max-wait must be >= 0");
      return 2;
    }
    ExportSettings settings;
    try {
      QueueFiles.requireQueue(dir);
      settings =
          ExportSettings.builder()
              .queueDir(dir)
              .logger(
                  line -> {
                    err.println("tooltrace export: " + line);
                    err.flush();
                  })
              .build();
    } catch (QueueFiles.NotAQueueException | IllegalArgumentException e) {
      err.println("tooltrace export: " + e.getMessage());
      return 2;
    }
    ExportPipeline pipeline;
    try {
      pipeline = untilDrained ? ExportPipeline.open(settings) : ExportPipeline.start(settings);
    } catch (RuntimeException e) {
      err.println("tooltrace export: cannot start: " + e.getMessage());
      return 2;
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
      return drained ? 0 : 1;
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
    return 0;
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
