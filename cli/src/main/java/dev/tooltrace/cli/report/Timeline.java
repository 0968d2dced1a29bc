/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.report;

import dev.tooltrace.cli.report.ReportModel.ThreadRow;
import dev.tooltrace.record.CallRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls on threads over time, in fixed memory: the run's window is cut into {@link
 * Limits#TIMELINE_BUCKETS} slices and each thread gets the fraction of every slice it spent inside
 * tracked calls.
 *
 * <p>Nested calls must count once. Calls of one thread arrive in the order they ended, a child
 * before its parent, so the thread's outermost calls so far are kept on a small stack: a call that
 * contains the calls on top of the stack is their ancestor, their time is taken back and its own is
 * added. When the stack is full the oldest entry is forgotten; a later ancestor of it then adds
 * time twice, and the slice's value is capped at 1.
 */
final class Timeline {
  private final long t0;
  private final long window;
  private final int buckets = Limits.TIMELINE_BUCKETS;
  private final Map<String, Row> rows = new LinkedHashMap<>();
  private Row others;

  private final class Row {
    final String name;
    final double[] busy = new double[buckets];
    final int[] errors = new int[buckets];
    final ArrayDeque<long[]> open = new ArrayDeque<>();
    long calls;

    Row(String name) {
      this.name = name;
    }

    void add(CallRecord c) {
      calls++;
      long s = c.startEpochNanos() - t0;
      long e = s + c.durationNanos();
      while (!open.isEmpty() && open.peekLast()[0] >= s && open.peekLast()[1] <= e) {
        long[] child = open.pollLast();
        cover(child[0], child[1], -1);
      }
      cover(s, e, 1);
      open.addLast(new long[] {s, e});
      if (open.size() > Limits.OPEN_INTERVALS) {
        open.pollFirst();
      }
      if (c.error()) {
        errors[bucket(e)]++;
      }
    }

    private void cover(long s, long e, int sign) {
      double width = (double) window / buckets;
      s = Math.max(0, s);
      e = Math.min(window, e);
      if (e <= s) {
        return;
      }
      for (int b = bucket(s); b <= bucket(e) && b < buckets; b++) {
        double lo = Math.max(s, b * width);
        double hi = Math.min(e, (b + 1) * width);
        if (hi > lo) {
          busy[b] += sign * (hi - lo) / width;
        }
      }
    }
  }

  Timeline(long startEpochNanos, long endEpochNanos) {
    this.t0 = startEpochNanos;
    this.window = Math.max(1, endEpochNanos - startEpochNanos);
  }

  void add(CallRecord c) {
    String key = c.threadId() + "\u0000" + c.threadName();
    Row r = rows.get(key);
    if (r == null) {
      if (rows.size() < Limits.THREADS_TRACKED) {
        r = new Row(c.threadName().isEmpty() ? "thread " + c.threadId() : c.threadName());
        rows.put(key, r);
      } else {
        if (others == null) {
          others = new Row("(other threads)");
        }
        r = others;
      }
    }
    r.add(c);
  }

  private int bucket(long offset) {
    long b = offset * buckets / window;
    return (int) Math.max(0, Math.min(buckets - 1, b));
  }

  /** The busiest threads as rows; the rest merged into one row (its mean per slice). */
  ReportModel.Timeline model() {
    List<Row> all = new ArrayList<>(rows.values());
    all.sort(Comparator.comparingDouble(Timeline::total).reversed());
    List<ThreadRow> out = new ArrayList<>();
    List<Row> rest = new ArrayList<>();
    for (Row r : all) {
      if (out.size() < Limits.TIMELINE_ROWS) {
        out.add(row(r.name, r.calls, r.busy, r.errors, 1));
      } else {
        rest.add(r);
      }
    }
    int merged = rest.size();
    String label = "(" + merged + " other threads)";
    if (others != null) {
      rest.add(others);
      label = "(" + merged + " and more than " + Limits.THREADS_TRACKED + " other threads)";
    }
    if (!rest.isEmpty()) {
      double[] busy = new double[buckets];
      int[] errors = new int[buckets];
      long calls = 0;
      for (Row r : rest) {
        calls += r.calls;
        for (int i = 0; i < buckets; i++) {
          busy[i] += Math.min(1, Math.max(0, r.busy[i]));
          errors[i] += r.errors[i];
        }
      }
      out.add(row(label, calls, busy, errors, Math.max(1, rest.size())));
    }
    return new ReportModel.Timeline(window, buckets, out, merged);
  }

  private ThreadRow row(String name, long calls, double[] busy, int[] errors, int divisor) {
    List<Double> b = new ArrayList<>(buckets);
    List<Integer> e = new ArrayList<>(buckets);
    for (int i = 0; i < buckets; i++) {
      double v = Math.min(1, Math.max(0, busy[i] / divisor));
      b.add(Math.round(v * 1000) / 1000.0);
      e.add(errors[i]);
    }
    return new ThreadRow(name, calls, b, e);
  }

  private static double total(Row r) {
    double t = 0;
    for (double v : r.busy) {
      t += Math.min(1, Math.max(0, v));
    }
    return t;
  }
}
