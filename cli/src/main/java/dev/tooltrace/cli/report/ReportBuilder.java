/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tooltrace.cli.CliException;
import dev.tooltrace.cli.ExitCodes;
import dev.tooltrace.cli.RunCatalog;
import dev.tooltrace.cli.report.ReportModel.Header;
import dev.tooltrace.cli.report.ReportModel.Losses;
import dev.tooltrace.cli.report.ReportModel.ToolRow;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunRecord;
import dev.tooltrace.record.ValueRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the {@link ReportModel} of one run from a {@link ReportSource} in three passes, keeping
 * aggregates only (see {@link Limits}): (1) which runs there are and their time windows; (2) the
 * run's calls into per-tool histograms, error groups, the timeline, the slowest roots and the
 * collapsed lineage graph; (3) the calls of the slowest traces and one example call per graph node.
 */
public final class ReportBuilder {
  private final ReportSource source;
  private final Function<RunCatalog, String> resolveRun;
  private final List<String> outputs;
  private final String version;

  /**
   * @param resolveRun picks the run from the queue's runs (the command's {@code --run} rule)
   * @param outputs span ids (16 hex digits) or content hashes (32) whose lineage the graph shows;
   *     empty for the run's final outputs
   */
  public ReportBuilder(
      ReportSource source,
      Function<RunCatalog, String> resolveRun,
      List<String> outputs,
      String version) {
    this.source = source;
    this.resolveRun = resolveRun;
    this.outputs = outputs;
    this.version = version;
  }

  public ReportModel build() {
    RunIndex index = new RunIndex();
    source.read(index);
    RunIndex.Run run = index.resolve(resolveRun);
    long t0 = run.start();
    long t1 = run.endTime();

    Set<Long> chosenSpans = new HashSet<>();
    Set<Long> chosenHashes = new HashSet<>();
    for (String o : outputs) {
      String h = o.trim().toLowerCase(Locale.ROOT);
      if (h.matches("[0-9a-f]{16}")) {
        chosenSpans.add(CompactCall.id(h));
      } else if (h.matches("[0-9a-f]{32}")) {
        chosenHashes.add(CompactCall.hashKey(h));
      } else {
        throw new CliException(
            ExitCodes.USAGE,
            "--output " + o + " is neither a span id (16 hex digits) nor a value hash (32)");
      }
    }

    Aggregate agg = new Aggregate(run.id, t0, t1, chosenSpans, chosenHashes);
    source.read(agg);
    if (agg.lineage == null) {
      agg.lineage = new LineageShapes(agg.highAt, agg.mediumAt, chosenSpans, chosenHashes);
    }
    agg.lineage.finish();
    if (!outputs.isEmpty() && !agg.lineage.chosenFound) {
      throw new CliException(
          ExitCodes.NO_DATA,
          "no call in run " + run.id + " has span id or result hash " + String.join(", ", outputs));
    }
    GraphModel graph = new GraphModel(agg.lineage, !outputs.isEmpty());
    SlowestTraces traces = agg.traces;
    if (traces.any() || run.calls > 0) {
      source.read(
          new RecordVisitor() {
            @Override
            public void onCall(CallRecord c) {
              if (c.runId().equals(run.id)) {
                traces.collect(c);
                graph.collect(c, t0);
              }
            }
          });
    }

    List<String> limits = new ArrayList<>();
    JsonNode env = agg.env;
    List<String> envCut = new ArrayList<>();
    JsonNode shownEnv = RunHeader.bounded(env, Limits.ENVIRONMENT_CHARS, envCut);
    if (!envCut.isEmpty()) {
      limits.add(
          "environment: "
              + String.join(", ", envCut)
              + " left out to keep the page small (tooltrace runs/diff show them)");
    }
    ReportModel.Timeline timeline = agg.timeline.model();
    if (timeline.threadsMerged() > 0) {
      limits.add(
          "timeline: the "
              + Limits.TIMELINE_ROWS
              + " busiest threads have a row each; "
              + timeline.threadsMerged()
              + " more share the last row");
    }
    List<ReportModel.TraceView> slowest = traces.model();
    long omitted = slowest.stream().mapToLong(ReportModel.TraceView::callsOmitted).sum();
    if (omitted > 0) {
      limits.add(
          "slowest traces: the "
              + (Limits.TRACE_CALLS - 1)
              + " slowest calls of each trace are shown with its root; "
              + omitted
              + " faster calls are left out");
    }
    ReportModel.Graph g =
        graph.model(
            outputs.isEmpty()
                ? "the run's final outputs (results no other call used, and calls that failed or"
                    + " returned nothing)"
                : "the lineage of " + String.join(", ", outputs));
    if (g.nodesHidden() > 0) {
      limits.add("lineage graph: " + g.nodesHidden() + " more nodes are not drawn");
    }
    LineageShapes l = agg.lineage;
    if (l.lateCalls > 0) {
      limits.add(
          "lineage: "
              + l.lateCalls
              + " calls reached the queue more than "
              + Limits.REORDER_WINDOW
              + " calls after others that ended later; links to them may be missing");
    }
    if (l.spansForgotten() > 0 && l.producersNotFound > 0) {
      limits.add(
          "lineage: "
              + l.producersNotFound
              + " inputs came from calls not found within the last "
              + Limits.LINK_WINDOW
              + " calls (or dropped); they are drawn as external inputs");
    }
    if (l.hashesForgotten > 0) {
      limits.add(
          "lineage: the run has more than "
              + Limits.LINK_WINDOW
              + " distinct values; a value used long after it was made may be drawn as an"
              + " external input");
    }
    if (agg.otherToolCalls > 0) {
      limits.add(
          "tools: "
              + agg.otherToolCalls
              + " calls of tools beyond the first "
              + Limits.TOOLS
              + " are counted in one row");
    }
    List<ReportModel.ErrorGroup> errors = agg.errors.model();
    if (errors.stream().anyMatch(e -> e.type().equals(ErrorGroups.OTHER))) {
      limits.add(
          "errors: exception types beyond the first " + Limits.ERROR_GROUPS + " share one group");
    }

    Long pid = agg.runRecord == null ? null : agg.runRecord.pid();
    List<String> others = new ArrayList<>(index.runs().keySet());
    others.remove(run.id);
    Header header =
        new Header(
            run.id,
            RunHeader.text(env, "tooltrace.run.name"),
            RunHeader.tags(env),
            RunHeader.text(env, "service.name"),
            env.path("git").path("commit").asText(""),
            env.path("git").path("dirty").asBoolean(false),
            RunHeader.jvm(env),
            RunHeader.text(env, "host.name"),
            pid,
            Instant.ofEpochSecond(0, t0).toString(),
            Instant.ofEpochSecond(0, t1).toString(),
            t0,
            t1 - t0,
            agg.calls,
            agg.errorCount,
            RunHeader.counter(run.end, "records.dropped"),
            RunHeader.counter(run.end, "recording.failures"),
            RunHeader.state(run.end, env, pid, run.runStart == null ? t0 : run.runStart),
            source.describe(),
            others,
            Instant.now().toString(),
            version);
    Losses losses =
        new Losses(
            header.dropped(),
            header.recordingFailures(),
            source.unreadable(),
            agg.previewsTruncated,
            agg.partialHashes,
            agg.unavailable,
            agg.redacted,
            agg.confidenceRejected,
            limits);
    return new ReportModel(header, agg.toolRows(), timeline, slowest, errors, g, shownEnv, losses);
  }

  /** The second pass: everything aggregated over the chosen run's calls. */
  private static final class Aggregate implements RecordVisitor {
    final String runId;
    final long t0;
    JsonNode env = MissingNode.getInstance();
    RunRecord runRecord;
    double highAt = 0.8;
    double mediumAt = 0.5;
    final Map<String, ToolStats> tools = new LinkedHashMap<>();
    ToolStats otherTools;
    long otherToolCalls;
    final ErrorGroups errors;
    final Timeline timeline;
    final SlowestTraces traces;
    LineageShapes lineage;
    final Set<Long> chosenSpans;
    final Set<Long> chosenHashes;
    long calls;
    long errorCount;
    long previewsTruncated;
    long partialHashes;
    long unavailable;
    long redacted;
    long confidenceRejected;

    Aggregate(String runId, long t0, long t1, Set<Long> chosenSpans, Set<Long> chosenHashes) {
      this.runId = runId;
      this.t0 = t0;
      this.errors = new ErrorGroups(t0);
      this.timeline = new Timeline(t0, t1);
      this.traces = new SlowestTraces(t0);
      this.chosenSpans = chosenSpans;
      this.chosenHashes = chosenHashes;
    }

    @Override
    public void onRun(RunRecord r) {
      if (r.runId().equals(runId) && runRecord == null) {
        runRecord = r;
        env = RunHeader.parse(r.environmentJson());
        highAt = RunHeader.threshold(env, "confidence.high", highAt);
        mediumAt = RunHeader.threshold(env, "confidence.medium", mediumAt);
      }
    }

    @Override
    public void onCall(CallRecord c) {
      if (!c.runId().equals(runId)) {
        return;
      }
      if (lineage == null) {
        // The RUN document comes first in a queue, so its thresholds are known by now.
        lineage = new LineageShapes(highAt, mediumAt, chosenSpans, chosenHashes);
      }
      calls++;
      if (c.error()) {
        errorCount++;
      }
      tool(c).add(c);
      errors.add(c);
      timeline.add(c);
      traces.offerRoot(c);
      lineage.add(c);
      if (c.hasFlag(RecordFormat.FLAG_CONFIDENCE_REJECTED)) {
        confidenceRejected++;
      }
      for (ValueRecord v : c.args()) {
        value(v);
      }
      if (c.result() != null) {
        value(c.result());
      }
    }

    private void value(ValueRecord v) {
      if (v.previewTruncated()) {
        previewsTruncated++;
      }
      if (v.hashPartial()) {
        partialHashes++;
      }
      if (v.kind() == RecordFormat.VALUE_UNAVAILABLE) {
        unavailable++;
      } else if (v.kind() == RecordFormat.VALUE_REDACTED) {
        redacted++;
      }
    }

    private ToolStats tool(CallRecord c) {
      ToolStats t = tools.get(c.tool());
      if (t != null) {
        return t;
      }
      if (tools.size() >= Limits.TOOLS) {
        otherToolCalls++;
        if (otherTools == null) {
          otherTools = new ToolStats("(other tools)", "", highAt, mediumAt);
        }
        return otherTools;
      }
      t = new ToolStats(c.tool(), c.operation(), highAt, mediumAt);
      tools.put(c.tool(), t);
      return t;
    }

    List<ToolRow> toolRows() {
      List<ToolRow> rows = new ArrayList<>();
      tools.values().stream()
          .map(ToolStats::row)
          .sorted(java.util.Comparator.comparing(ToolRow::tool))
          .forEach(rows::add);
      if (otherTools != null) {
        rows.add(otherTools.row());
      }
      return rows;
    }
  }
}
