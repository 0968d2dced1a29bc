/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tooltrace.cli.CliException;
import dev.tooltrace.cli.RunCatalog;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.CorruptRecordException;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunEndRecord;
import dev.tooltrace.record.RunRecord;
import dev.tooltrace.record.SampleRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a queue's documents (as a {@link RecordVisitor}) and builds the {@link EvidenceReport} of
 * one run: the one asked for (by {@link RunCatalog}'s rule), else the run started last. Corrupt
 * documents are counted and reported, never fatal: evidence from a damaged queue is still evidence.
 */
public final class EvidenceCollector implements RecordVisitor {
  private final String runRef;
  private final Map<String, RunData> runs = new LinkedHashMap<>();
  private final RunCatalog catalog = new RunCatalog();
  private long corrupt;

  /**
   * @param runRef a run reference ({@link RunCatalog}); null for the run started last
   */
  public EvidenceCollector(String runRef) {
    this.runRef = runRef == null || runRef.isBlank() ? RunCatalog.LATEST : runRef;
  }

  private RunData data(String runId) {
    catalog.addRunId(runId);
    return runs.computeIfAbsent(runId, RunData::new);
  }

  @Override
  public void onRun(RunRecord run) {
    RunData d = data(run.runId());
    catalog.addRun(run);
    d.run = run;
    d.seen(run.startEpochNanos());
  }

  @Override
  public void onCall(CallRecord call) {
    data(call.runId()).add(call);
  }

  @Override
  public void onSample(SampleRecord sample) {
    RunData d = data(sample.runId());
    d.samples.add(sample);
    d.seen(sample.epochNanos());
  }

  @Override
  public void onRunEnd(RunEndRecord end) {
    RunData d = data(end.runId());
    d.end = end;
    d.seen(end.endEpochNanos());
  }

  @Override
  public void onCorrupt(long queueIndex, String file, CorruptRecordException e) {
    corrupt++;
  }

  /** Builds the report; throws {@link CliException} when no run matches. */
  public EvidenceReport report(String queueDir) {
    RunData d = runs.get(catalog.resolve(runRef));
    double spanSeconds = 0;
    long start = d.run != null ? d.run.startEpochNanos() : d.firstNanos;
    long end = d.end != null ? d.end.endEpochNanos() : d.lastNanos;
    if (start != Long.MAX_VALUE && end != Long.MIN_VALUE && end >= start) {
      spanSeconds = (end - start) / 1e9;
    }
    EvidenceReport.Span span =
        start == Long.MAX_VALUE
            ? new EvidenceReport.Span(null, null, 0, d.end != null)
            : new EvidenceReport.Span(Times.iso(start), Times.iso(end), spanSeconds, d.end != null);

    SampleIndex samples = new SampleIndex(d.samples);
    List<EvidenceReport.Tool> tools = new ArrayList<>();
    for (ToolAccumulator t : d.tools.values()) {
      tools.add(t.summarize(spanSeconds));
    }
    tools.sort(Comparator.comparing(EvidenceReport.Tool::tool));

    List<CallRecord> slow = new ArrayList<>(d.slowest);
    slow.sort(Comparator.comparingLong(CallRecord::durationNanos).reversed());
    List<EvidenceReport.SlowCall> slowest = new ArrayList<>();
    for (CallRecord c : slow) {
      slowest.add(
          new EvidenceReport.SlowCall(
              c.tool(),
              Times.iso(c.startEpochNanos()),
              c.durationNanos() / 1e6,
              c.error(),
              c.traceId(),
              c.spanId(),
              samples.join(c.startEpochNanos())));
    }

    List<EvidenceReport.ErrorGroup> errors = new ArrayList<>();
    for (Map.Entry<List<String>, RunData.ErrorAcc> e : d.errors.entrySet()) {
      CallRecord first = e.getValue().first;
      errors.add(
          new EvidenceReport.ErrorGroup(
              e.getKey().get(0),
              e.getKey().get(1),
              e.getKey().get(2),
              e.getValue().count,
              Times.iso(first.startEpochNanos()),
              first.traceId(),
              first.spanId(),
              samples.join(first.startEpochNanos())));
    }
    errors.sort(
        Comparator.comparingLong(EvidenceReport.ErrorGroup::count)
            .reversed()
            .thenComparing(EvidenceReport.ErrorGroup::firstAt));

    List<String> others = new ArrayList<>(runs.keySet());
    others.remove(d.runId);
    return new EvidenceReport(
        queueDir, run(d), span, tools, slowest, errors, resources(samples), others, corrupt);
  }

  private static EvidenceReport.Run run(RunData d) {
    if (d.run == null) {
      return new EvidenceReport.Run(d.runId, null, null, null);
    }
    JsonNode env;
    try {
      env = Json.MAPPER.readTree(d.run.environmentJson());
    } catch (Exception e) {
      // Keep what the agent wrote, even if it is not JSON: it is still the run's evidence.
      env = Json.MAPPER.getNodeFactory().textNode(d.run.environmentJson());
    }
    return new EvidenceReport.Run(d.runId, d.run.pid(), Times.iso(d.run.startEpochNanos()), env);
  }

  private static EvidenceReport.Resources resources(SampleIndex samples) {
    Map<String, double[]> acc = new LinkedHashMap<>(); // min, sum, max, n
    List<EvidenceReport.Sample> series = new ArrayList<>();
    for (SampleRecord s : samples.all()) {
      Map<String, Double> values = SampleIndex.finite(s.values());
      series.add(new EvidenceReport.Sample(Times.iso(s.epochNanos()), values));
      values.forEach(
          (k, v) -> {
            double[] a =
                acc.computeIfAbsent(
                    k, x -> new double[] {Double.MAX_VALUE, 0, -Double.MAX_VALUE, 0});
            a[0] = Math.min(a[0], v);
            a[1] += v;
            a[2] = Math.max(a[2], v);
            a[3]++;
          });
    }
    Map<String, EvidenceReport.Stat> summary = new LinkedHashMap<>();
    acc.forEach((k, a) -> summary.put(k, new EvidenceReport.Stat(a[0], a[1] / a[3], a[2])));
    return new EvidenceReport.Resources(series.size(), summary, series);
  }
}
