/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.data;

import dev.tooltrace.cli.RunCatalog;
import dev.tooltrace.cli.analysis.Recording;
import dev.tooltrace.cli.analysis.StatsReport;
import dev.tooltrace.cli.analysis.TraceForest.Trace;
import dev.tooltrace.record.RecordVisitor;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the query commands ask of recorded data, whether it comes from a persistent index ({@code
 * tooltrace-index}) or from reading every queue in full ({@link FullLoad}). Both answer the same
 * questions with the same results; the index does it without holding the queue in memory.
 *
 * <p>Run arguments are resolved run ids (a command resolves the user's reference with {@link
 * #runs()} and {@link RunCatalog}'s one rule); {@code null} means every run.
 */
public interface RecordedData extends AutoCloseable {
  /** Every run, in order of first appearance, with names: what run references resolve against. */
  RunCatalog runs();

  /** Per-tool and per-run statistics of one run, or of all runs when {@code runId} is null. */
  StatsReport stats(String runId);

  /** The traces {@code show} prints, ordered by start. */
  List<Trace> traces(TraceQuery q);

  /**
   * The same traces as {@link #traces}, handed to {@code sink} one at a time in the same order, so
   * that {@code show} without {@code --limit} never holds a whole run: the index streams them
   * (memory bounded by the largest trace); a full read has them in memory already.
   */
  default void eachTrace(TraceQuery q, Consumer<Trace> sink) {
    traces(q).forEach(sink);
  }

  /**
   * Lineage ({@code upstream}) or impact of a span id, content hash or value node id. Throws {@link
   * IllegalArgumentException} with a message for users when the target names nothing.
   */
  GraphAnswer query(String target, String runId, boolean upstream);

  /** The RUN and RUN_END records of every run, without calls (for {@code runs}). */
  Recording headers();

  /** Every record of one run (or of all runs when null): for prov and diff. */
  Recording recording(String runId);

  /**
   * Replays, in queue order, the RUN and RUN_END documents of every run and the calls and samples
   * of {@code runId} (every run's when null): what the evidence report reads.
   */
  void replay(String runId, RecordVisitor visitor);

  @Override
  void close();
}
