/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import dev.tooltrace.cli.analysis.ProvenanceGraph.Usage;
import dev.tooltrace.cli.analysis.ProvenanceGraph.ValueNode;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.ValueRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Links every input of every call to the call that produced it, run by run, then across runs
 * ({@link CrossRunLinking}: only what would otherwise be an external input). For an input of call
 * C, in this order:
 *
 * <ol>
 *   <li>identity: the value's {@code producerSpanId} (the agent saw the very same object returned
 *       by that span), if {@link ValueLinking#identityLinkTrusted} and that span returned a value;
 *   <li>content: if {@link ValueLinking#linkableByHash}, the call of the same run that most
 *       recently <em>ended</em> no later than C started (across threads) and returned a value with
 *       the same hash — never C itself or a call nested in C;
 *   <li>otherwise the value is an external input of the run.
 * </ol>
 *
 * A call's own return value is linked too, as an implicit input with role {@link
 * ProvenanceGraph#RETURNED}, when the call hands back a value it did not make: by identity to any
 * call, by content only to a call nested in it (a pipeline stage that returns its last sub-step's
 * result). Without this, a value's impact would stop at the nested call.
 */
public final class ProvenanceGraphBuilder {
  private static final Comparator<CallRecord> BY_END =
      Comparator.comparingLong(CallRecord::endEpochNanos).thenComparingLong(CallRecord::queueIndex);

  private ProvenanceGraphBuilder() {}

  public static ProvenanceGraph build(Recording recording) {
    ProvenanceGraph g = new ProvenanceGraph();
    Map<String, List<CallRecord>> byRun = new LinkedHashMap<>();
    for (CallRecord c : recording.calls()) {
      byRun.computeIfAbsent(c.runId(), k -> new ArrayList<>()).add(c);
    }
    byRun.forEach((run, calls) -> new RunLinker(g, run, calls).link());
    if (byRun.size() > 1) {
      CrossRunLinking.link(g);
    }
    return g;
  }

  /** The linking of one run. */
  private static final class RunLinker {
    private final ProvenanceGraph g;
    private final String run;
    private final List<CallRecord> calls = new ArrayList<>();
    private final Map<String, CallRecord> bySpan = new HashMap<>();
    private final Map<String, NavigableMap<Long, List<CallRecord>>> producersByHash =
        new HashMap<>();

    RunLinker(ProvenanceGraph g, String run, List<CallRecord> all) {
      this.g = g;
      this.run = run;
      for (CallRecord c : all) {
        if (bySpan.putIfAbsent(c.spanId(), c) == null && !g.calls.containsKey(c.spanId())) {
          calls.add(c);
        }
      }
      calls.sort(BY_END);
    }

    void link() {
      for (CallRecord c : calls) {
        g.calls.put(c.spanId(), c);
        ValueRecord r = c.result();
        if (!c.error() && ValueLinking.isNode(r)) {
          String id = "out:" + c.spanId();
          g.values.put(id, new ValueNode(id, run, r, c.spanId()));
          g.outputOf.put(c.spanId(), id);
          if (ValueLinking.linkableByHash(r)) {
            producersByHash
                .computeIfAbsent(r.hash(), k -> new TreeMap<>())
                .computeIfAbsent(c.endEpochNanos(), k -> new ArrayList<>())
                .add(c);
          }
        }
      }
      for (CallRecord c : calls) {
        linkInputs(c);
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

    private void linkInputs(CallRecord c) {
      Map<String, String> roles = new LinkedHashMap<>();
      List<ValueRecord> args = c.args();
      for (int i = 0; i < args.size(); i++) {
        ValueRecord a = args.get(i);
        if (!ValueLinking.isNode(a)) {
          continue;
        }
        String id = producedValue(c, a, false);
        if (id == null) {
          id =
              ValueLinking.linkableByHash(a)
                  ? "in:" + run + ":" + a.hash()
                  : "arg:" + c.spanId() + ":" + i;
          g.values.putIfAbsent(id, new ValueNode(id, run, a, null));
        }
        roles.merge(id, a.name(), (x, y) -> x + "," + y);
      }
      ValueRecord r = c.result();
      if (!c.error() && ValueLinking.isNode(r)) {
        String id = producedValue(c, r, true);
        if (id != null) {
          roles.putIfAbsent(id, ProvenanceGraph.RETURNED);
        }
      }
      List<Usage> usages = new ArrayList<>();
      roles.forEach(
          (id, role) -> {
            Usage u = new Usage(c.spanId(), id, role);
            usages.add(u);
            g.consumersOf.computeIfAbsent(id, k -> new ArrayList<>()).add(u);
          });
      g.inputsOf.put(c.spanId(), usages);
    }

    /** The output node of the call that produced {@code v} for {@code c}, or null. */
    private String producedValue(CallRecord c, ValueRecord v, boolean returned) {
      if (ValueLinking.identityLinkTrusted(v)) {
        String p = v.producerSpanId();
        if (!p.equals(c.spanId()) && bySpan.containsKey(p) && g.outputOf(p) != null) {
          return g.outputOf(p);
        }
      }
      if (!ValueLinking.linkableByHash(v)) {
        return null;
      }
      NavigableMap<Long, List<CallRecord>> producers = producersByHash.get(v.hash());
      if (producers == null) {
        return null;
      }
      long limit = returned ? c.endEpochNanos() : c.startEpochNanos();
      for (List<CallRecord> sameEnd : producers.headMap(limit, true).descendingMap().values()) {
        for (int i = sameEnd.size() - 1; i >= 0; i--) {
          CallRecord p = sameEnd.get(i);
          if (p == c) {
            continue;
          }
          boolean nested = isNestedIn(p, c);
          if (returned == nested) {
            return g.outputOf(p.spanId());
          }
        }
      }
      return null;
    }

    /** Whether {@code inner} is (transitively) nested in {@code outer}. */
    private boolean isNestedIn(CallRecord inner, CallRecord outer) {
      CallRecord cur = inner;
      for (int depth = 0; depth < 10_000 && !cur.isRoot(); depth++) {
        if (cur.parentSpanId().equals(outer.spanId())) {
          return true;
        }
        cur = bySpan.get(cur.parentSpanId());
        if (cur == null) {
          return false;
        }
      }
      return false;
    }
  }
}
