/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.report;

/**
 * Every bound of the report, in one place. Together they bound the page, whatever the number of
 * calls: the embedded data is at most about {@link #MAX_PAGE_BYTES} (worst case: 10 traces × 100
 * calls × 8 arguments with full previews ≈ 1.5 MB, 50 error groups with an 8 KB stack each ≈ 0.5
 * MB, 400 graph nodes with an example call each ≈ 1.1 MB, 200 tools with histograms ≈ 0.2 MB, the
 * environment ≤ 256 KB, the timeline ≈ 0.1 MB, the script and style ≈ 50 KB). A real run is far
 * below: see README for measured sizes. The heap the builder needs is bounded too: it keeps
 * aggregates and {@link #LINK_WINDOW} linking entries, never the run's calls.
 */
final class Limits {
  private Limits() {}

  /** The page never exceeds this (asserted by the tests on a million-call run). */
  static final long MAX_PAGE_BYTES = 4L << 20;

  /** Tools with their own row; calls of further tools are counted in one "(other tools)" row. */
  static final int TOOLS = 200;

  static final int HISTOGRAM_BINS = 24;

  /** Time slices of the timeline. */
  static final int TIMELINE_BUCKETS = 240;

  /** Thread rows drawn; the least busy threads beyond are merged into one row. */
  static final int TIMELINE_ROWS = 40;

  /** Threads followed while reading; calls of further threads go to the merged row. */
  static final int THREADS_TRACKED = 1024;

  /** Per thread, the outermost calls remembered to subtract nested time (see {@link Timeline}). */
  static final int OPEN_INTERVALS = 64;

  static final int SLOWEST_TRACES = 10;

  /** Calls shown per trace (in the order they ended); the rest are counted. */
  static final int TRACE_CALLS = 100;

  static final int ERROR_GROUPS = 50;

  static final int STACK_CHARS = 8192;

  static final int PREVIEW_CHARS = 160;

  /** Arguments shown per call; a call with more says how many it had. */
  static final int ARGS_SHOWN = 8;

  /** Graph nodes drawn; the lineage beyond is counted. */
  static final int GRAPH_NODES = 400;

  /** Distinct structures per tool before further ones of that tool share one node. */
  static final int SHAPES_PER_TOOL = 12;

  /** Calls and values remembered for linking an input to the call that produced it. */
  static final int LINK_WINDOW = 100_000;

  /**
   * Elements of one argument or result the report links (lineage links every element the agent
   * recorded); a value with more is shown as an external input beside its linked elements.
   */
  static final int ELEMENTS_PER_VALUE = 64;

  /** Calls held to put the queue's append order into end-time order before linking. */
  static final int REORDER_WINDOW = 20_000;

  static final int ENVIRONMENT_CHARS = 256 * 1024;
}
