/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import java.util.List;

/**
 * The index's tables. Rows point back into the queues ({@code src}, {@code qidx}: a queue and a
 * Chronicle index), where full records (previews, stack traces, captures) are read when an answer
 * needs them; the index holds only what finds and links them. Ids are numbers: a span id is its 64
 * bits, a trace id or content hash two 64-bit halves, so joins and scans stay cheap.
 *
 * <ul>
 *   <li>{@code calls}: one row per call, {@code seq} its place in reading order (dense, from 0);
 *       {@code rh1/rh2} the hash of the value it returned, {@code has_out} whether that value is a
 *       node ({@code out:SPAN}), {@code out_linkable} whether it may be linked by content; {@code
 *       parent_seq} the parent's row once it is read; {@code eff} effective confidence.
 *   <li>{@code vals}: one row per reference {@code ValueLinking.inputs} gives a call: each argument
 *       ({@code pos} ≥ 0, the argument index) and the returned value ({@code pos} = -1) as a whole
 *       ({@code elem} = -1) and each of their elements the agent described with a producer or a
 *       hash ({@code elem}: the index into {@code ValueRecord.elements()}). {@code h1/h2} the
 *       content hash ({@code linkable}: whether the rule links by it; {@code partial}: sampled, a
 *       link by it is probable), {@code idp} the identity producer span ({@code idp_elem}: the
 *       object was an element of what that span returned), {@code is_out} whether the row is one of
 *       {@code ValueLinking.outputs} (what later calls may link to), {@code lw/le} the edge label
 *       {@code ValueLinking.link} gives when the producer's output is the value whole or holds it
 *       as an element, {@code shape} the element structure of an argument ({@link ElementShape})
 *       when its elements could explain it.
 *   <li>{@code edges}: a reference ({@code seq, pos, elem}) linked to the call that produced it
 *       ({@code pseq}; {@code pel}: as an element of that call's output); {@code link} says how:
 *       {@code identity}, {@code hash}, {@code crossing runs} (whole arguments only). A whole
 *       argument without an edge is an external input, unless listed in {@code explained}.
 *   <li>{@code explained}: whole arguments without a producer that their linked elements explain
 *       entirely ({@code ValueLinking.explained}): not external inputs.
 *   <li>{@code docs}, {@code runs}: every document's place, for replaying a run; RUN documents
 *       (with the run's {@code run.name}, so run references resolve without reading the queue).
 *   <li>{@code tool_stats}: per run and tool, a {@code CallGroup} (HdrHistogram) as bytes.
 *   <li>{@code costs}: what a call measured with {@code capture.cost} cost (only those calls), so
 *       that statistics recomputed from the rows (after duplicates were dropped) keep it.
 *   <li>{@code sources}: each queue and how far it was read (the index's own tailer position,
 *       committed with the rows it covers), what the document there was ({@code last_sig}: a queue
 *       restored over another is noticed), and the {@link QueueFingerprint} of its files when it
 *       was last read to its end.
 *   <li>{@code unreadable}: each unreadable document (one per unknown format version), with the
 *       line every command prints for it, as a full read of the queue does.
 *   <li>{@code run_order}: where each run first appeared (queue, position): run references resolve
 *       in queue order without scanning {@code docs}.
 * </ul>
 */
final class Schema {
  private Schema() {}

  static final String CALL_COLUMNS =
      "seq BIGINT, src INTEGER, qidx BIGINT, run VARCHAR, t1 BIGINT, t2 BIGINT, span BIGINT,"
          + " parent BIGINT, tool VARCHAR, start_ns BIGINT, end_ns BIGINT, error BOOLEAN,"
          + " conf DOUBLE, rh1 BIGINT, rh2 BIGINT, has_out BOOLEAN, out_linkable BOOLEAN";

  static final String VAL_COLUMNS =
      "seq BIGINT, pos INTEGER, elem INTEGER, name VARCHAR, h1 BIGINT, h2 BIGINT,"
          + " linkable BOOLEAN, partial BOOLEAN, idp BIGINT, idp_elem BOOLEAN, is_out BOOLEAN,"
          + " lw VARCHAR, le VARCHAR, shape VARCHAR";

  static final String COST_COLUMNS =
      "seq BIGINT, cpu BIGINT, alloc BIGINT, self_cpu BIGINT, self_alloc BIGINT";

  /** Every table's name: an index missing one is damaged. */
  static final List<String> NAMES =
      List.of(
          "meta",
          "sources",
          "unreadable",
          "run_order",
          "docs",
          "runs",
          "calls",
          "vals",
          "edges",
          "explained",
          "tool_stats",
          "costs");

  static final List<String> TABLES =
      List.of(
          "CREATE TABLE meta(k VARCHAR, v VARCHAR)",
          "CREATE TABLE sources(src INTEGER, dir VARCHAR, first_qidx BIGINT, last_qidx BIGINT,"
              + " fingerprint VARCHAR, last_sig VARCHAR, unreadable BIGINT)",
          "CREATE TABLE unreadable(src INTEGER, qidx BIGINT, kind VARCHAR, line VARCHAR)",
          "CREATE TABLE run_order(run VARCHAR, src INTEGER, qidx BIGINT)",
          "CREATE TABLE docs(src INTEGER, qidx BIGINT, run VARCHAR, kind TINYINT)",
          "CREATE TABLE runs(run VARCHAR, src INTEGER, qidx BIGINT, start_ns BIGINT, seq BIGINT,"
              + " name VARCHAR)",
          "CREATE TABLE calls(" + CALL_COLUMNS + ", parent_seq BIGINT, eff DOUBLE DEFAULT 1.0)",
          "CREATE TABLE vals(" + VAL_COLUMNS + ")",
          "CREATE TABLE edges(seq BIGINT, pos INTEGER, elem INTEGER, pseq BIGINT, link VARCHAR,"
              + " pel BOOLEAN)",
          "CREATE TABLE explained(seq BIGINT, pos INTEGER)",
          "CREATE TABLE tool_stats(run VARCHAR, tool VARCHAR, stats BLOB)",
          "CREATE TABLE costs(" + COST_COLUMNS + ")");
}
