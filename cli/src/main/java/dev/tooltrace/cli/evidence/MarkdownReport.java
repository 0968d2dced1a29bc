/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders an {@link EvidenceReport} as Markdown for people (a PR, a lab notebook, a ticket). The
 * resource table is thinned to at most {@link #MAX_SAMPLE_ROWS} rows; {@code --json} has them all.
 */
public final class MarkdownReport {
  static final int MAX_SAMPLE_ROWS = 30;

  private final StringBuilder out = new StringBuilder();

  private MarkdownReport() {}

  public static String render(EvidenceReport r) {
    MarkdownReport m = new MarkdownReport();
    m.write(r);
    return m.out.toString();
  }

  private void line(String s) {
    out.append(s).append('\n');
  }

  private void write(EvidenceReport r) {
    line("# Evidence report: run " + r.run().runId());
    line("");
    line("Queue: `" + r.queueDir() + "`");
    if (r.corruptDocuments() > 0) {
      line("");
      line("**Warning:** " + r.corruptDocuments() + " documents in the queue could not be read.");
    }
    line("");
    line("## Run");
    line("");
    line("| | |");
    line("|---|---|");
    line("| run id | `" + r.run().runId() + "` |");
    line("| pid | " + (r.run().pid() == null ? "unknown" : r.run().pid()) + " |");
    line("| start | " + nz(r.span().start()) + " |");
    line(
        "| end | "
            + nz(r.span().end())
            + (r.span().endedOrderly() ? "" : " (no orderly end recorded: last record seen)")
            + " |");
    line("| wall-clock span | " + String.format(Locale.ROOT, "%.3f s", r.span().seconds()) + " |");
    line("");
    environment(r.run().environment());
    tools(r.tools());
    slowest(r.slowestCalls());
    errors(r.errors());
    resources(r.resources());
    if (!r.otherRuns().isEmpty()) {
      line("## Other runs in this queue");
      line("");
      for (String id : r.otherRuns()) {
        line("- `" + id + "`");
      }
      line("");
    }
  }

  private void environment(JsonNode env) {
    line("## Environment");
    line("");
    if (env == null || env.isNull()) {
      line("No RUN document was recorded for this run.");
      line("");
      return;
    }
    if (!env.isObject()) {
      line("```");
      line(env.asText());
      line("```");
      line("");
      return;
    }
    line("| field | value |");
    line("|---|---|");
    for (Iterator<Map.Entry<String, JsonNode>> it = env.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      line(
          "| "
              + cell(e.getKey())
              + " | "
              + cell(v.isValueNode() ? v.asText() : v.toString())
              + " |");
    }
    line("");
  }

  private void tools(List<EvidenceReport.Tool> tools) {
    line("## Tools");
    line("");
    if (tools.isEmpty()) {
      line("No calls were recorded in this run.");
      line("");
      return;
    }
    line("| tool | calls | errors | error rate | p50 ms | p95 ms | p99 ms | max ms | calls/s |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (EvidenceReport.Tool t : tools) {
      line(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %.1f%% | %s | %s | %s | %s | %.2f |",
              cell(t.tool()),
              t.calls(),
              t.errors(),
              t.errorRate() * 100,
              ms(t.p50Ms()),
              ms(t.p95Ms()),
              ms(t.p99Ms()),
              ms(t.maxMs()),
              t.callsPerSecond()));
    }
    line("");
  }

  private void slowest(List<EvidenceReport.SlowCall> calls) {
    if (calls.isEmpty()) {
      return;
    }
    line("## Slowest calls");
    line("");
    line("Each call is joined to the system sample nearest to its start.");
    line("");
    line("| tool | start | ms | outcome | trace id | span id | nearest sample |");
    line("|---|---|---:|---|---|---|---|");
    for (EvidenceReport.SlowCall c : calls) {
      line(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | `%s` | `%s` | %s |",
              cell(c.tool()),
              c.start(),
              ms(c.durationMs()),
              c.error() ? "error" : "ok",
              c.traceId(),
              c.spanId(),
              sample(c.sample())));
    }
    line("");
  }

  private void errors(List<EvidenceReport.ErrorGroup> errors) {
    line("## Errors");
    line("");
    if (errors.isEmpty()) {
      line("No call failed.");
      line("");
      return;
    }
    line(
        "| tool | exception | message | count | first occurrence | first trace id | nearest sample |");
    line("|---|---|---|---:|---|---|---|");
    for (EvidenceReport.ErrorGroup e : errors) {
      line(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %d | %s | `%s` | %s |",
              cell(e.tool()),
              cell(e.type()),
              cell(e.message()),
              e.count(),
              e.firstAt(),
              e.firstTraceId(),
              sample(e.sample())));
    }
    line("");
  }

  private void resources(EvidenceReport.Resources res) {
    line("## Resource use over time");
    line("");
    if (res.samples() == 0) {
      line("No system samples were recorded (sample.interval) in this run.");
      line("");
      return;
    }
    line("| measurement | min | mean | max |");
    line("|---|---:|---:|---:|");
    res.summary()
        .forEach(
            (k, s) ->
                line(
                    "| "
                        + k
                        + " | "
                        + value(k, s.min())
                        + " | "
                        + value(k, s.mean())
                        + " | "
                        + value(k, s.max())
                        + " |"));
    line("");
    Set<String> names = new LinkedHashSet<>(res.summary().keySet());
    List<EvidenceReport.Sample> rows = thin(res.series());
    if (rows.size() < res.series().size()) {
      line(rows.size() + " of " + res.samples() + " samples, evenly spaced:");
      line("");
    }
    StringBuilder head = new StringBuilder("| time |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String n : names) {
      head.append(' ').append(n).append(" |");
      rule.append("---:|");
    }
    line(head.toString());
    line(rule.toString());
    for (EvidenceReport.Sample s : rows) {
      StringBuilder row = new StringBuilder("| " + s.at() + " |");
      for (String n : names) {
        Double v = s.values().get(n);
        row.append(' ').append(v == null ? "" : value(n, v)).append(" |");
      }
      line(row.toString());
    }
    line("");
  }

  static List<EvidenceReport.Sample> thin(List<EvidenceReport.Sample> all) {
    if (all.size() <= MAX_SAMPLE_ROWS) {
      return all;
    }
    List<EvidenceReport.Sample> out = new ArrayList<>();
    for (int i = 0; i < MAX_SAMPLE_ROWS; i++) {
      out.add(all.get((int) ((long) i * (all.size() - 1) / (MAX_SAMPLE_ROWS - 1))));
    }
    return out;
  }

  private static String sample(EvidenceReport.NearestSample s) {
    if (s == null) {
      return "none";
    }
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%+.1f s:", s.offsetSeconds()));
    for (String k : List.of("process.cpu.utilization", "jvm.heap.used", "process.memory.rss")) {
      Double v = s.values().get(k);
      if (v != null) {
        b.append(' ').append(k).append('=').append(value(k, v));
      }
    }
    return b.toString();
  }

  /** Utilisation as a percentage, sizes in MiB, anything else as is. */
  static String value(String name, double v) {
    if (name.endsWith("utilization")) {
      return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }
    if (name.matches(".*(memory|heap|disk|size|rss).*")) {
      return String.format(Locale.ROOT, "%.1f MiB", v / (1 << 20));
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String nz(String s) {
    return s == null ? "unknown" : s;
  }

  /** Table cells: one line, no column breaks. */
  static String cell(String s) {
    if (s == null) {
      return "";
    }
    String one = s.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
    return one.length() > 200 ? one.substring(0, 199) + "…" : one;
  }
}
