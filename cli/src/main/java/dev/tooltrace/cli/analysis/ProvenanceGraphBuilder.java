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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Links every input of every call to the call that produced it, run by run (data never flows
 * between runs), with the rule of {@link ValueLinking} (docs/provenance.md). For each reference of
 * call C's inputs ({@link ValueLinking#inputs}: each argument, each element of an argument), in
 * this order:
 *
 * <ol>
 *   <li>identity: the reference's producer span (the agent saw the very same object returned by
 *       that span, or held in the container that span returned), if that span returned a value;
 *   <li>content: the call of the same run that most recently <em>ended</em> no later than C started
 *       (across threads) and produced the same hash ({@link ValueLinking#outputs}: its return value
 *       or an element of it) — never C itself or a call nested in C; a link by a partial (sampled)
 *       hash is marked probable;
 *   <li>otherwise an argument is an external input of the run — unless its elements explain it
 *       entirely ({@link ValueLinking#explainedByElements}); an unlinked element is part of its
 *       argument's node and adds nothing.
 * </ol>
 *
 * A call's own return value, and the elements of it, are linked too, as implicit inputs with role
 * {@link ProvenanceGraph#RETURNED}, when the call hands back a value it did not make: by identity
 * to any call, by content only to a call nested in it (a pipeline stage that returns its last
 * sub-step's result, or a list of its sub-steps' results). Without this, a value's impact would
 * stop at the nested call.
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
    return g;
  }

  /** A call that produced a hash: as its whole output, or only inside it (an element). */
  private static final class Production {
    final CallRecord call;
    boolean whole;

    Production(CallRecord call, boolean whole) {
      this.call = call;
      this.whole = whole;
    }
  }

  /** Where a reference links: the producer's output node, and whether the link is by element. */
  private record Found(String valueId, boolean producerElement, boolean probable) {}

  /** The usages of one call being assembled: per value node, its roles and links. */
  private static final class Uses {
    final Map<String, Set<String>> roles = new LinkedHashMap<>();
    final Map<String, Set<String>> links = new LinkedHashMap<>();
    final Map<String, Boolean> whole = new HashMap<>();
    final Map<String, Boolean> exact = new HashMap<>();

    void add(String valueId, String role, String link, boolean probable, boolean returned) {
      if (returned && roles.containsKey(valueId)) {
        return; // a value the call also took as an argument keeps that role
      }
      roles.computeIfAbsent(valueId, k -> new LinkedHashSet<>()).add(role);
      if (link == null) {
        whole.put(valueId, true);
      } else {
        links.computeIfAbsent(valueId, k -> new LinkedHashSet<>()).add(link);
      }
      exact.merge(valueId, !probable, Boolean::logicalOr);
    }

    List<Usage> build(String spanId) {
      List<Usage> out = new ArrayList<>();
      roles.forEach(
          (id, r) -> {
            String link =
                whole.containsKey(id) ? null : String.join("; ", links.getOrDefault(id, Set.of()));
            out.add(new Usage(spanId, id, String.join(",", r), link, !exact.get(id)));
          });
      return out;
    }
  }

  /** The linking of one run. */
  private static final class RunLinker {
    private final ProvenanceGraph g;
    private final String run;
    private final List<CallRecord> calls = new ArrayList<>();
    private final Map<String, CallRecord> bySpan = new HashMap<>();
    private final Map<String, NavigableMap<Long, List<Production>>> producersByHash =
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
          Map<String, Production> mine = new LinkedHashMap<>();
          for (ValueLinking.Output o : ValueLinking.outputs(c)) {
            Production p = mine.get(o.hash());
            if (p == null) {
              mine.put(o.hash(), new Production(c, o.whole()));
            } else {
              p.whole |= o.whole();
            }
          }
          mine.forEach(
              (hash, p) ->
                  producersByHash
                      .computeIfAbsent(hash, k -> new TreeMap<>())
                      .computeIfAbsent(c.endEpochNanos(), k -> new ArrayList<>())
                      .add(p));
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
      Uses uses = new Uses();
      List<ValueLinking.Ref> refs = ValueLinking.inputs(c);
      List<ValueRecord> args = c.args();
      int k = 0;
      while (k < refs.size()) {
        ValueLinking.Ref whole = refs.get(k++);
        Set<Integer> linkedElements = new HashSet<>();
        Found wholeFound = resolve(c, whole);
        if (wholeFound != null) {
          uses.add(
              wholeFound.valueId(),
              whole.role(),
              ValueLinking.link(whole, wholeFound.producerElement()),
              wholeFound.probable(),
              whole.returned());
        }
        for (; k < refs.size() && refs.get(k).element() >= 0; k++) {
          ValueLinking.Ref e = refs.get(k);
          Found f = resolve(c, e);
          if (f != null) {
            linkedElements.add(e.element());
            uses.add(
                f.valueId(),
                e.role(),
                ValueLinking.link(e, f.producerElement()),
                f.probable(),
                e.returned());
          }
        }
        if (wholeFound == null && !whole.returned()) {
          ValueRecord a = args.get(whole.arg());
          if (!ValueLinking.explainedByElements(a, linkedElements::contains)) {
            String id =
                ValueLinking.linkableByHash(a)
                    ? "in:" + run + ":" + a.hash()
                    : "arg:" + c.spanId() + ":" + whole.arg();
            g.values.putIfAbsent(id, new ValueNode(id, run, a, null));
            uses.add(id, whole.role(), null, false, false);
          }
        }
      }
      List<Usage> usages = uses.build(c.spanId());
      for (Usage u : usages) {
        g.consumersOf.computeIfAbsent(u.valueId(), x -> new ArrayList<>()).add(u);
      }
      g.inputsOf.put(c.spanId(), usages);
    }

    /** The producer's output node for {@code ref} of call {@code c}, or null. */
    private Found resolve(CallRecord c, ValueLinking.Ref ref) {
      String p = ref.producerSpanId();
      if (p != null && !p.equals(c.spanId()) && bySpan.containsKey(p) && g.outputOf(p) != null) {
        return new Found(g.outputOf(p), ref.producerIsElement(), false);
      }
      if (ref.hash() == null) {
        return null;
      }
      NavigableMap<Long, List<Production>> producers = producersByHash.get(ref.hash());
      if (producers == null) {
        return null;
      }
      boolean returned = ref.returned();
      long limit = returned ? c.endEpochNanos() : c.startEpochNanos();
      for (List<Production> sameEnd : producers.headMap(limit, true).descendingMap().values()) {
        Production chosen = null;
        for (int i = sameEnd.size() - 1; i >= 0; i--) {
          Production prod = sameEnd.get(i);
          if (prod.call == c || returned != isNestedIn(prod.call, c)) {
            continue;
          }
          if (chosen == null || (prod.whole && !chosen.whole)) {
            chosen = prod; // the latest; on a tie, a whole output before an element
          }
        }
        if (chosen != null) {
          return new Found(g.outputOf(chosen.call.spanId()), !chosen.whole, ref.partial());
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
