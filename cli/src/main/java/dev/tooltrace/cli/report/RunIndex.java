/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.report;

import dev.tooltrace.cli.CliException;
import dev.tooltrace.cli.ExitCodes;
import dev.tooltrace.cli.RunSelector;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunEndRecord;
import dev.tooltrace.record.RunRecord;
import java.util.LinkedHashMap;
import java.util.Map;

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
  private String lastStarted;

  private Run run(String id) {
    return runs.computeIfAbsent(id, Run::new);
  }

  @Override
  public void onRun(RunRecord r) {
    Run run = run(r.runId());
    run.runStart = r.startEpochNanos();
    lastStarted = r.runId();
  }

  @Override
  public void onCall(CallRecord c) {
    Run run = run(c.runId());
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
  }

  Map<String, Run> runs() {
    return runs;
  }

  /**
   * The run {@code wanted} names (an id or a unique prefix), or without it the run started last.
   * Throws {@link CliException} when there is no run or no such run.
   */
  Run resolve(String wanted, String source) {
    if (runs.isEmpty()) {
      throw new CliException(ExitCodes.NO_DATA, source + " holds no run: nothing was recorded yet");
    }
    if (wanted != null) {
      return runs.get(RunSelector.resolve(runs.keySet(), wanted));
    }
    if (lastStarted != null) {
      return runs.get(lastStarted);
    }
    Run last = null;
    for (Run r : runs.values()) {
      last = r;
    }
    return last;
  }
}
