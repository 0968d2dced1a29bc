/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.report;

import dev.tooltrace.cli.RunCatalog;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunEndRecord;
import dev.tooltrace.record.RunRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The first pass: which runs the source holds and, per run, its time window and counts — a few
 * numbers per run, so the report can choose its run and lay out its timeline before aggregating.
 */
final class RunIndex implements RecordVisitor {
  /** What the first pass learns about one run. */
  static final class Run {
    final String id;
    Long runStart;
    long firstCall = Long.MAX_VALUE;
    long lastCallEnd = Long.MIN_VALUE;
    long calls;
    long errors;
    RunEndRecord end;

    Run(String id) {
      this.id = id;
    }

    long start() {
      if (runStart != null) {
        return firstCall == Long.MAX_VALUE ? runStart : Math.min(runStart, firstCall);
      }
      return firstCall == Long.MAX_VALUE ? 0 : firstCall;
    }

    long endTime() {
      long e = start();
      if (lastCallEnd != Long.MIN_VALUE) {
        e = Math.max(e, lastCallEnd);
      }
      if (end != null) {
        e = Math.max(e, end.endEpochNanos());
      }
      return e;
    }
  }

  private final Map<String, Run> runs = new LinkedHashMap<>();
  private final RunCatalog catalog = new RunCatalog();

  private Run run(String id) {
    return runs.computeIfAbsent(id, Run::new);
  }

  @Override
  public void onRun(RunRecord r) {
    Run run = run(r.runId());
    run.runStart = r.startEpochNanos();
    catalog.addRun(r);
  }

  @Override
  public void onCall(CallRecord c) {
    Run run = run(c.runId());
    catalog.addRunId(c.runId());
    run.calls++;
    if (c.error()) {
      run.errors++;
    }
    run.firstCall = Math.min(run.firstCall, c.startEpochNanos());
    run.lastCallEnd = Math.max(run.lastCallEnd, c.endEpochNanos());
  }

  @Override
  public void onRunEnd(RunEndRecord e) {
    run(e.runId()).end = e;
    catalog.addRunId(e.runId());
  }

  Map<String, Run> runs() {
    return runs;
  }

  /**
   * The run {@code resolve} picks from the runs seen (see {@link RunCatalog}: without {@code
   * --run}, the run started last). Throws {@code CliException} when there is no run or no such run.
   */
  Run resolve(Function<RunCatalog, String> resolve) {
    return runs.get(resolve.apply(catalog));
  }
}
