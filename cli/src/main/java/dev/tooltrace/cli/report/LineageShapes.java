/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.report;

import dev.tooltrace.cli.analysis.ValueLinking;
import dev.tooltrace.record.CallRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * The run's data-flow graph with repeated structure collapsed, built in one pass with bounded
 * memory. Inputs are linked to the calls that produced them by the rules of {@code
 * ProvenanceGraphBuilder} (docs/provenance.md): identity first, then content hash (the producer
 * that most recently ended no later than the consumer started, never one nested in it), else an
 * external input; a call's result is linked to a nested call that returned the same content.
 *
 * <p>Instead of one node per call, every call gets a <em>shape</em>: its tool, outcome, effective
 * confidence tier, and the set of (parameter, shape of the value's producer) pairs. Calls of equal
 * shape are one node with a count, so a thousand identical load→tokenize→count chains become three
 * nodes, each ×1000. Shapes are defined recursively, so a shape stands for its whole upstream
 * structure. A tool with more than {@link Limits#SHAPES_PER_TOOL} shapes puts further ones in one
 * "other inputs" shape, which keeps the graph bounded by the number of tools.
 *
 * <p>Calls arrive in append order (a thread's batch when its outermost call returns), not in end
 * order; a window of {@link Limits#REORDER_WINDOW} calls restores end order before linking. Calls,
 * and values by hash, are remembered for {@link Limits#LINK_WINDOW} entries: an input produced
 * longer ago than that is shown as an external input, and counted.
 */
final class LineageShapes {
  private final double highAt;
  private final double mediumAt;
  private final CompactCall.Interner names = new CompactCall.Interner();
  private final PriorityQueue<CompactCall> window =
      new PriorityQueue<>(
          (a, b) -> a.end != b.end ? Long.compare(a.end, b.end) : Long.compare(a.seq, b.seq));
  private final Map<String, Shape> shapesByKey = new HashMap<>();
  final List<Shape> shapes = new ArrayList<>();
  private final Map<String, Integer> shapesPerTool = new HashMap<>();
  final Map<String, long[]> edges = new LinkedHashMap<>();
  private final SpanTable spans = new SpanTable();
  private final Map<Long, Produced> byHash =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Produced> eldest) {
          if (size() > Limits.LINK_WINDOW) {
            hashesForgotten++;
            return true;
          }
          return false;
        }
      };
  private final Set<Long> chosenSpans;
  private final Set<Long> chosenHashes;
  private long seq;
  private long lastEnd = Long.MIN_VALUE;
  long lateCalls;
  long hashesForgotten;
  long producersNotFound;
  boolean chosenFound;

  /** A node of the collapsed graph. */
  static final class Shape {
    final int index;
    final boolean input;
    final String tool;
    final String label;
    final boolean error;
    final String tier;
    long count;
    long finals;
    double minConfidence = Double.NaN;
    long durationSum;
    long exampleSpan;
    int exampleArg = -1;
    boolean chosen;

    Shape(int index, boolean input, String tool, String label, boolean error, String tier) {
      this.index = index;
      this.input = input;
      this.tool = tool;
      this.label = label;
      this.error = error;
      this.tier = tier;
    }

    String id() {
      return (input ? "i" : "c") + index;
    }
  }

  /**
   * A value with a content hash: its latest producers, or the external input it was first seen as.
   */
  private static final class Produced {
    long span1;
    long end1;
    boolean whole1;
    long span2;
    long end2;
    boolean whole2;
    Shape external;
  }

  /** A processed call: its parent (for nesting), its result's shape and effective confidence. */
  private static final class SpanInfo {
    long parent;
    Shape output;
    double effective;
    boolean consumed;
  }

  /** Processed calls by span id, oldest forgotten first; an unused result then counts as final. */
  private final class SpanTable extends LinkedHashMap<Long, SpanInfo> {
    long forgotten;

    SpanTable() {
      super(1024, 0.75f, false);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, SpanInfo> eldest) {
      if (size() > Limits.LINK_WINDOW) {
        forgotten++;
        SpanInfo s = eldest.getValue();
        if (s.output != null && !s.consumed) {
          s.output.finals++;
        }
        return true;
      }
      return false;
    }
  }

  LineageShapes(double highAt, double mediumAt, Set<Long> chosenSpans, Set<Long> chosenHashes) {
    this.highAt = highAt;
    this.mediumAt = mediumAt;
    this.chosenSpans = chosenSpans;
    this.chosenHashes = chosenHashes;
  }

  void add(CallRecord c) {
    CompactCall cc = CompactCall.of(c, seq++, names);
    if (cc.end < lastEnd) {
      lateCalls++;
    }
    window.add(cc);
    if (window.size() > Limits.REORDER_WINDOW) {
      process(window.poll());
    }
  }

  /** Processes what the window still holds and counts the results nobody used. */
  void finish() {
    while (!window.isEmpty()) {
      process(window.poll());
    }
    for (SpanInfo s : spans.values()) {
      if (s.output != null && !s.consumed) {
        s.output.finals++;
      }
    }
    spans.clear();
  }

  long spansForgotten() {
    return spans.forgotten;
  }

  /** The usages of one call being assembled, per producer: roles, links, whether whole. */
  private static final class Uses {
    final Map<Object, String[]> order = new LinkedHashMap<>();
    final Map<Object, Set<String>> roles = new HashMap<>();
    final Map<Object, Set<String>> links = new HashMap<>();
    final Set<Object> whole = new java.util.HashSet<>();
    final Map<Object, Shape> from = new HashMap<>();

    /** Mirrors {@code ProvenanceGraphBuilder}: one usage per producer, roles and links merged. */
    void add(Object producer, Shape shape, String role, String link, boolean returned) {
      if (returned && roles.containsKey(producer)) {
        return; // a value the call also took as an argument keeps that role
      }
      order.putIfAbsent(producer, new String[0]);
      from.put(producer, shape);
      roles.computeIfAbsent(producer, k -> new java.util.LinkedHashSet<>()).add(role);
      if (link == null) {
        whole.add(producer);
      } else {
        links.computeIfAbsent(producer, k -> new java.util.LinkedHashSet<>()).add(link);
      }
    }

    /** The edge label of a producer's usage: roles, and " · " links unless it was used whole. */
    String label(Object producer) {
      String r = String.join(",", roles.get(producer));
      return whole.contains(producer)
          ? r
          : r + " · " + String.join("; ", links.getOrDefault(producer, Set.of()));
    }
  }

  private void process(CompactCall c) {
    lastEnd = Math.max(lastEnd, c.end);
    double effective = c.confidence;
    Uses uses = new Uses();
    for (int i = 0; i < c.args.length; i++) {
      CompactCall.Value v = c.args[i];
      ValueLinking.Ref wholeRef = ref(v, -1, false);
      Found whole =
          producer(
              c,
              v.identityTrusted() ? v.producerSpan() : 0,
              v.producerIsElement(),
              v.linkableByHash() ? v.hashKey() : 0,
              false);
      if (whole != null) {
        uses.add(
            whole.info,
            whole.info.output,
            v.role(),
            ValueLinking.link(wholeRef, whole.element),
            false);
      }
      Set<Integer> linked = new java.util.HashSet<>();
      for (CompactCall.Element e : v.elements()) {
        Found f = producer(c, e.producerSpan(), e.producerIsElement(), e.hashKey(), false);
        if (f != null) {
          linked.add(e.index());
          uses.add(
              f.info,
              f.info.output,
              v.role(),
              ValueLinking.link(ref(v, e.index(), false), f.element),
              false);
        }
      }
      if (whole == null && !v.explainedByElements(linked::contains)) {
        Shape ext = external(c, v, i);
        uses.add(ext, ext, v.role(), null, false);
      }
    }
    if (c.result != null) {
      CompactCall.Value r = c.result;
      Found nested =
          producer(
              c,
              r.identityTrusted() ? r.producerSpan() : 0,
              r.producerIsElement(),
              r.linkableByHash() ? r.hashKey() : 0,
              true);
      if (nested != null) {
        uses.add(
            nested.info,
            nested.info.output,
            "(returned)",
            ValueLinking.link(ref(r, -1, true), nested.element),
            true);
      }
      for (CompactCall.Element e : r.elements()) {
        Found f = producer(c, e.producerSpan(), e.producerIsElement(), e.hashKey(), true);
        if (f != null) {
          uses.add(
              f.info,
              f.info.output,
              "(returned)",
              ValueLinking.link(ref(r, e.index(), true), f.element),
              true);
        }
      }
    }
    Set<String> inputs = new TreeSet<>();
    List<Object[]> usages = new ArrayList<>();
    for (Object producer : uses.order.keySet()) {
      Shape from = uses.from.get(producer);
      String label = uses.label(producer);
      if (producer instanceof SpanInfo) {
        SpanInfo info = (SpanInfo) producer;
        info.consumed = true;
        effective = min(effective, info.effective);
      }
      inputs.add(label + "=" + from.id());
      usages.add(new Object[] {from, label});
    }
    Shape shape = shape(c, tier(effective), inputs);
    shape.count++;
    shape.durationSum += c.end - c.start;
    if (!Double.isNaN(effective)) {
      shape.minConfidence = min(shape.minConfidence, effective);
    }
    if (shape.exampleSpan == 0) {
      shape.exampleSpan = c.span;
    }
    if (chosenSpans.contains(c.span)
        || (c.result != null
            && c.result.linkableByHash()
            && chosenHashes.contains(c.result.hashKey()))) {
      shape.chosen = true;
      chosenFound = true;
    }
    for (Object[] u : usages) {
      Shape from = (Shape) u[0];
      edges
          .computeIfAbsent(from.id() + "\u0000" + shape.id() + "\u0000" + u[1], k -> new long[1])[
          0]++;
    }
    SpanInfo info = new SpanInfo();
    info.parent = c.parent;
    info.effective = effective;
    if (c.result != null) {
      info.output = shape;
      long wholeKey = c.result.linkableByHash() ? c.result.hashKey() : 0;
      for (long key : c.outputHashes) {
        Produced p = byHash.get(key);
        if (p == null) {
          p = new Produced();
          byHash.put(key, p);
        }
        if (p.span1 == c.span) {
          p.whole1 |= key == wholeKey;
          continue;
        }
        p.span2 = p.span1;
        p.end2 = p.end1;
        p.whole2 = p.whole1;
        p.span1 = c.span;
        p.end1 = c.end;
        p.whole1 = key == wholeKey;
      }
    } else {
      shape.finals++;
    }
    spans.put(c.span, info);
  }

  /** A reference for {@link ValueLinking#link}: argument or returned value, whole or element. */
  private static ValueLinking.Ref ref(CompactCall.Value v, int element, boolean returned) {
    return new ValueLinking.Ref(
        returned ? ValueLinking.RETURN : v.index(), element, v.role(), null, false, null, false);
  }

  /** Where a reference links: the producing call, and whether it produced the value inside. */
  private record Found(SpanInfo info, boolean element) {}

  /**
   * The processed call that produced a value for {@code c}: by identity ({@code producerSpan},
   * trusted, not 0), else by content hash key ({@code hashKey}, not 0) — for an argument a call
   * that ended no later than {@code c} started, for the result a call nested in {@code c}.
   */
  private Found producer(
      CompactCall c, long producerSpan, boolean producerIsElement, long hashKey, boolean returned) {
    if (producerSpan != 0 && producerSpan != c.span) {
      SpanInfo p = spans.get(producerSpan);
      if (p != null && p.output != null) {
        return new Found(p, producerIsElement);
      }
      if (p == null && !returned) {
        producersNotFound++;
      }
    }
    if (hashKey == 0) {
      return null;
    }
    Produced p = byHash.get(hashKey);
    if (p == null) {
      return null;
    }
    long limit = returned ? c.end : c.start;
    SpanInfo found = candidate(c, p.span1, p.end1, limit, returned);
    if (found != null) {
      return new Found(found, !p.whole1);
    }
    found = candidate(c, p.span2, p.end2, limit, returned);
    return found == null ? null : new Found(found, !p.whole2);
  }

  private SpanInfo candidate(CompactCall c, long span, long end, long limit, boolean returned) {
    if (span == 0 || span == c.span || end > limit) {
      return null;
    }
    SpanInfo s = spans.get(span);
    if (s == null || s.output == null) {
      return null;
    }
    return nestedIn(s, c.span) == returned ? s : null;
  }

  private boolean nestedIn(SpanInfo s, long outer) {
    SpanInfo cur = s;
    for (int depth = 0; depth < 10_000 && cur != null && cur.parent != 0; depth++) {
      if (cur.parent == outer) {
        return true;
      }
      cur = spans.get(cur.parent);
    }
    return false;
  }

  /** The external-input shape of argument {@code i} of {@code c}; one value more of it if new. */
  private Shape external(CompactCall c, CompactCall.Value v, int i) {
    Produced p = v.linkableByHash() ? byHash.get(v.hashKey()) : null;
    if (p != null && p.external != null) {
      return p.external;
    }
    String key = "in\u0000" + v.type() + "\u0000" + v.role();
    Shape s = shapesByKey.get(key);
    if (s == null) {
      s = new Shape(shapes.size(), true, null, simpleName(v.type()), false, "none");
      s.exampleSpan = c.span;
      s.exampleArg = v.index();
      shapesByKey.put(key, s);
      shapes.add(s);
    }
    s.count++;
    if (v.linkableByHash()) {
      if (p == null) {
        p = new Produced();
        byHash.put(v.hashKey(), p);
      }
      p.external = s;
    }
    return s;
  }

  private Shape shape(CompactCall c, String tier, Set<String> inputs) {
    String base = c.tool + "\u0000" + c.error + "\u0000" + tier;
    String key = base + "\u0000" + String.join(",", inputs);
    Shape s = shapesByKey.get(key);
    if (s != null) {
      return s;
    }
    int perTool = shapesPerTool.getOrDefault(c.tool, 0);
    if (perTool >= Limits.SHAPES_PER_TOOL) {
      key = base + "\u0000*";
      s = shapesByKey.get(key);
      if (s != null) {
        return s;
      }
    }
    s = new Shape(shapes.size(), false, c.tool, c.tool, c.error, tier);
    shapesByKey.put(key, s);
    shapes.add(s);
    shapesPerTool.merge(c.tool, 1, Integer::sum);
    return s;
  }

  /** HIGH, MEDIUM, LOW by the run's thresholds; "none" when nothing upstream reported one. */
  String tier(double effective) {
    if (Double.isNaN(effective)) {
      return "none";
    }
    return effective >= highAt ? "high" : effective >= mediumAt ? "medium" : "low";
  }

  private static double min(double a, double b) {
    if (Double.isNaN(a)) {
      return b;
    }
    if (Double.isNaN(b)) {
      return a;
    }
    return Math.min(a, b);
  }

  private static String simpleName(String type) {
    int dot = Math.max(type.lastIndexOf('.'), type.lastIndexOf('$'));
    return dot < 0 ? type : type.substring(dot + 1);
  }
}
