/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import dev.tooltrace.cli.analysis.ProvenanceGraph.Usage;
import dev.tooltrace.cli.analysis.ProvenanceGraph.ValueNode;
import dev.tooltrace.record.CallRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Links values across runs, after each run was linked on its own: an external input of a run
 * ({@code in:RUN:HASH}, a value no call of that run produced) used by call C becomes the value
 * returned by the call of <em>another</em> run that most recently ended no later than C started
 * with the same content hash — a file one process wrote through a tool and another read through a
 * tool. Only external inputs are replaced, so links inside a run keep precedence and no single-run
 * answer changes; an argument its elements explain is no external input and is not replaced. Only
 * whole values link across runs (not elements), and a link by a sampled hash is probable. The usage
 * keeps its role; the edge crosses runs because the value's run differs from the call's. Effective
 * confidence is then recomputed over all runs in end order.
 */
final class CrossRunLinking {
  private static final Comparator<CallRecord> BY_END =
      Comparator.comparingLong(CallRecord::endEpochNanos).thenComparingLong(CallRecord::queueIndex);

  private CrossRunLinking() {}

  static void link(ProvenanceGraph g) {
    List<CallRecord> calls = new ArrayList<>(g.calls.values());
    calls.sort(BY_END);
    Map<String, NavigableMap<Long, List<CallRecord>>> producers = new HashMap<>();
    for (CallRecord c : calls) {
      String out = g.outputOf(c.spanId());
      if (out != null && ValueLinking.linkableByHash(g.value(out).value())) {
        producers
            .computeIfAbsent(g.value(out).hash(), k -> new TreeMap<>())
            .computeIfAbsent(c.endEpochNanos(), k -> new ArrayList<>())
            .add(c);
      }
    }
    boolean changed = false;
    for (CallRecord c : calls) {
      List<Usage> inputs = g.inputsOf.get(c.spanId());
      if (inputs == null) {
        continue;
      }
      for (int i = 0; i < inputs.size(); i++) {
        Usage u = inputs.get(i);
        if (!u.valueId().startsWith("in:")) {
          continue;
        }
        ValueNode v = g.value(u.valueId());
        String producer = producer(producers.get(v.hash()), c);
        if (producer == null) {
          continue;
        }
        // By content only: as probable as the hash it was found by.
        Usage linked = new Usage(c.spanId(), producer, u.role(), null, v.value().hashPartial());
        inputs.set(i, linked);
        List<Usage> old = g.consumersOf.get(u.valueId());
        old.remove(u);
        if (old.isEmpty()) {
          g.consumersOf.remove(u.valueId());
          g.values.remove(u.valueId());
        }
        g.consumersOf.computeIfAbsent(producer, k -> new ArrayList<>()).add(linked);
        changed = true;
      }
    }
    if (changed) {
      for (CallRecord c : calls) {
        double eff = c.confidence() == null ? 1.0 : c.confidence();
        for (Usage u : g.inputsOf(c.spanId())) {
          eff = Math.min(eff, g.effectiveConfidence(u.valueId()));
        }
        g.effective.put(c.spanId(), eff);
        String out = g.outputOf(c.spanId());
        if (out != null) {
          g.effective.put(out, eff);
        }
      }
    }
  }

  /** The output of the latest call of another run that ended no later than {@code c} started. */
  private static String producer(NavigableMap<Long, List<CallRecord>> byEnd, CallRecord c) {
    if (byEnd == null) {
      return null;
    }
    for (List<CallRecord> sameEnd :
        byEnd.headMap(c.startEpochNanos(), true).descendingMap().values()) {
      for (int i = sameEnd.size() - 1; i >= 0; i--) {
        CallRecord p = sameEnd.get(i);
        if (!p.runId().equals(c.runId())) {
          return "out:" + p.spanId();
        }
      }
    }
    return null;
  }
}
