/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.data;

import dev.tooltrace.cli.QueueLoader;
import dev.tooltrace.cli.RunCatalog;
import dev.tooltrace.cli.analysis.GraphQuery;
import dev.tooltrace.cli.analysis.ProvenanceGraph;
import dev.tooltrace.cli.analysis.ProvenanceGraphBuilder;
import dev.tooltrace.cli.analysis.Recording;
import dev.tooltrace.cli.analysis.StatsAccumulator;
import dev.tooltrace.cli.analysis.StatsReport;
import dev.tooltrace.cli.analysis.Subgraph;
import dev.tooltrace.cli.analysis.TraceForest;
import dev.tooltrace.cli.analysis.TraceForest.Trace;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.ChainLink;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunEndRecord;
import dev.tooltrace.record.RunRecord;
import dev.tooltrace.record.SampleRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers by reading every queue in full, as the commands did before the persistent index: simple
 * and exact, but memory grows with the queues (statistics excepted: they aggregate while reading).
 * Used when the index engine is not installed or {@code --no-index} is given, and as the reference
 * the index's answers are tested against.
 *
 * <p>Several queues are read one after the other. A call read twice (two directories holding the
 * same run, e.g. a queue and its backup) is kept once, and each such run is named in one line.
 */
public final class FullLoad implements RecordedData {
  private final QueueSet queues;
  private final PrintWriter err;
  private Recording all;
  private RunCatalog runs;

  public FullLoad(QueueSet queues, PrintWriter err) {
    this.queues = queues;
    this.err = err;
  }

  /** Streams every queue into {@code visitor}, each call once. */
  private void stream(RecordVisitor visitor) {
    if (queues.queues().size() == 1) {
      QueueLoader.stream(queues.queues().get(0), err, visitor);
      return;
    }
    Set<String> spans = new HashSet<>();
    Map<String, Path> runHome = new HashMap<>();
    Set<String> reported = new HashSet<>();
    for (Path q : queues.queues()) {
      QueueLoader.stream(
          q,
          err,
          new RecordVisitor() {
            private boolean mine(String run) {
              Path home = runHome.putIfAbsent(run, q);
              if (home != null && !home.equals(q) && reported.add(run)) {
                err.println(
                    "tooltrace: run "
                        + run
                        + " is in both "
                        + home
                        + " and "
                        + q
                        + ": each of its records is read once");
              }
              return home == null || home.equals(q);
            }

            @Override
            public void onRun(RunRecord run) {
              if (mine(run.runId())) {
                visitor.onRun(run);
              }
            }

            @Override
            public void onCall(CallRecord call) {
              mine(call.runId());
              if (spans.add(call.spanId())) {
                visitor.onCall(call);
              }
            }

            @Override
            public void onSample(SampleRecord sample) {
              if (mine(sample.runId())) {
                visitor.onSample(sample);
              }
            }

            @Override
            public void onRunEnd(RunEndRecord end) {
              mine(end.runId());
              visitor.onRunEnd(end);
            }

            @Override
            public void onChainLink(long queueIndex, String runId, ChainLink link) {
              if (mine(runId)) {
                visitor.onChainLink(queueIndex, runId, link);
              }
            }
          });
    }
    err.flush();
  }

  private Recording all() {
    if (all == null) {
      Recording rec = new Recording();
      RunCatalog c = new RunCatalog();
      stream(
          catalogVisitor(
              c,
              new RecordVisitor() {
                @Override
                public void onRun(RunRecord run) {
                  rec.addRun(run);
                }

                @Override
                public void onCall(CallRecord call) {
                  rec.addCall(call);
                }

                @Override
                public void onRunEnd(RunEndRecord end) {
                  rec.addRunEnd(end);
                }

                @Override
                public void onChainLink(long queueIndex, String runId, ChainLink link) {
                  rec.addChainLink(queueIndex, runId, link);
                }
              }));
      all = rec;
      if (runs == null) {
        runs = c;
      }
    }
    return all;
  }

  /**
   * The runs in queue order: from the full read when it was made, else from a read that keeps only
   * run ids and RUN documents (statistics never hold the queue in memory).
   */
  @Override
  public RunCatalog runs() {
    if (runs == null) {
      RunCatalog c = new RunCatalog();
      stream(catalogVisitor(c, new RecordVisitor() {}));
      runs = c;
    }
    return runs;
  }

  /** Feeds {@code c} in queue order while passing every record on to {@code next}. */
  private static RecordVisitor catalogVisitor(RunCatalog c, RecordVisitor next) {
    return new RecordVisitor() {
      @Override
      public void onRun(RunRecord r) {
        c.addRun(r);
        next.onRun(r);
      }

      @Override
      public void onCall(CallRecord call) {
        c.addRunId(call.runId());
        next.onCall(call);
      }

      @Override
      public void onSample(SampleRecord sample) {
        c.addRunId(sample.runId());
        next.onSample(sample);
      }

      @Override
      public void onRunEnd(RunEndRecord end) {
        c.addRunId(end.runId());
        next.onRunEnd(end);
      }

      @Override
      public void onChainLink(long queueIndex, String runId, ChainLink link) {
        next.onChainLink(queueIndex, runId, link);
      }
    };
  }

  @Override
  public StatsReport stats(String runId) {
    StatsAccumulator acc = new StatsAccumulator();
    stream(
        new RecordVisitor() {
          @Override
          public void onRun(RunRecord r) {
            acc.addRun(r.runId());
          }

          @Override
          public void onCall(CallRecord c) {
            acc.add(c);
          }
        });
    return runId == null ? acc.report() : acc.report(runId);
  }

  @Override
  public List<Trace> traces(TraceQuery q) {
    Recording rec = all();
    if (q.runId() != null) {
      rec = rec.filter(c -> c.runId().equals(q.runId()));
    }
    if (q.traceId() != null) {
      rec = rec.filter(c -> c.traceId().equals(q.traceId()));
    }
    List<Trace> traces = TraceForest.build(rec.calls());
    traces =
        traces.stream()
            .filter(t -> q.sinceEpochNanos() == null || t.startEpochNanos() >= q.sinceEpochNanos())
            .filter(t -> q.untilEpochNanos() == null || t.startEpochNanos() < q.untilEpochNanos())
            .toList();
    if (q.spanId() != null) {
      traces = TraceForest.selectSpan(traces, q.spanId());
    }
    if (q.tool() != null) {
      traces = TraceForest.selectTool(traces, q.tool());
    }
    Integer limit = q.limit();
    if (limit != null && traces.size() > limit) {
      traces = traces.subList(traces.size() - limit, traces.size());
    }
    return traces;
  }

  @Override
  public GraphAnswer query(String target, String runId, boolean upstream) {
    Recording rec = all();
    if (runId != null) {
      rec = rec.filter(c -> c.runId().equals(runId));
    }
    ProvenanceGraph g = ProvenanceGraphBuilder.build(rec);
    GraphQuery q = new GraphQuery(g);
    List<String> start = q.resolve(target);
    Subgraph s = upstream ? q.lineage(start) : q.impact(start);
    return new GraphAnswer(g, s);
  }

  @Override
  public Recording headers() {
    if (all != null) {
      return all.filter(c -> false);
    }
    Recording rec = new Recording();
    stream(
        new RecordVisitor() {
          @Override
          public void onRun(RunRecord run) {
            rec.addRun(run);
          }

          @Override
          public void onRunEnd(RunEndRecord end) {
            rec.addRunEnd(end);
          }
        });
    return rec;
  }

  @Override
  public Recording recording(String runId) {
    Recording rec = all();
    return runId == null ? rec : rec.filter(c -> c.runId().equals(runId));
  }

  @Override
  public void replay(String runId, RecordVisitor visitor) {
    stream(
        new RecordVisitor() {
          @Override
          public void onRun(RunRecord run) {
            visitor.onRun(run);
          }

          @Override
          public void onCall(CallRecord call) {
            if (runId == null || call.runId().equals(runId)) {
              visitor.onCall(call);
            }
          }

          @Override
          public void onSample(SampleRecord sample) {
            if (runId == null || sample.runId().equals(runId)) {
              visitor.onSample(sample);
            }
          }

          @Override
          public void onRunEnd(RunEndRecord end) {
            visitor.onRunEnd(end);
          }

          @Override
          public void onChainLink(long queueIndex, String runId, ChainLink link) {
            visitor.onChainLink(queueIndex, runId, link);
          }
        });
  }

  @Override
  public void close() {}
}
