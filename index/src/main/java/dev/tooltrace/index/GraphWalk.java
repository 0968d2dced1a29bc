/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import dev.tooltrace.cli.analysis.CallUsages;
import dev.tooltrace.cli.analysis.ProvenanceGraph;
import dev.tooltrace.cli.analysis.ProvenanceGraph.Usage;
import dev.tooltrace.cli.analysis.ProvenanceGraph.ValueNode;
import dev.tooltrace.cli.analysis.Subgraph;
import dev.tooltrace.cli.analysis.Subgraph.Direction;
import dev.tooltrace.cli.analysis.Subgraph.Edge;
import dev.tooltrace.cli.analysis.Subgraph.EdgeType;
import dev.tooltrace.cli.data.GraphAnswer;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.Hex;
import dev.tooltrace.record.ValueRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lineage and impact over the index, with the same node ids, edges, order and effective confidences
 * as {@code GraphQuery} over a graph built in memory. The walk is breadth first, one level at a
 * time: the rows a level needs are fetched with one query, so a lineage of many thousands of nodes
 * still takes a handful of queries per level. With a run given, links that cross runs are ignored
 * (the in-memory answer of a single run has none).
 */
final class GraphWalk {
  /** What the index knows of a call. */
  private record Call(
      long seq, String span, String run, int src, long qidx, double eff, boolean hasOut) {}

  private final Connection conn;
  private final QueueDocs docs;
  private final String run;
  private final Map<String, Call> calls = new HashMap<>();
  private final Map<Long, String> spanOfSeq = new HashMap<>();
  private final Map<String, List<Usage>> inputs = new HashMap<>();

  GraphWalk(Connection conn, QueueDocs docs, String run) {
    this.conn = conn;
    this.docs = docs;
    this.run = run;
  }

  private String runCond(String alias) {
    return run == null ? "" : " AND " + alias + ".run = '" + run.replace("'", "") + "'";
  }

  private String crossCond(String alias) {
    return run == null ? "" : " AND " + alias + ".link <> 'crossing runs'";
  }

  /**
   * SQL condition: whole argument row {@code v} is an external input (an {@code in:} or {@code
   * arg:} node): no producer links it (within the run, or across runs unless a run is given) and
   * its elements do not explain it.
   */
  private String external(String v) {
    return v
        + ".pos >= 0 AND "
        + v
        + ".elem = -1 AND NOT EXISTS (SELECT 1 FROM edges e WHERE e.seq = "
        + v
        + ".seq AND e.pos = "
        + v
        + ".pos AND e.elem = -1"
        + crossCond("e")
        + ") AND NOT EXISTS (SELECT 1 FROM explained x WHERE x.seq = "
        + v
        + ".seq AND x.pos = "
        + v
        + ".pos)";
  }

  GraphAnswer answer(String target, boolean upstream) throws SQLException {
    List<String> start = resolve(target);
    Subgraph s = upstream ? lineage(start) : impact(start);
    return new GraphAnswer(graph(s), s);
  }

  // ---- resolving the user's target ----

  List<String> resolve(String target) throws SQLException {
    String t = target.trim().toLowerCase(Locale.ROOT);
    if (Hex.isHex(t, 16)) {
      loadCalls("c.span = " + Ids.span(t));
      if (!calls.containsKey(t)) {
        throw new IllegalArgumentException("no recorded call has span id " + target);
      }
      return List.of(t);
    }
    if (Hex.isHex(t, 32)) {
      List<String> ids = valuesWithHash(Ids.hi(t), Ids.lo(t), t);
      if (ids.isEmpty()) {
        throw new IllegalArgumentException("no recorded value has content hash " + target);
      }
      return ids;
    }
    if (exists(target)) {
      return List.of(target);
    }
    throw new IllegalArgumentException(
        "'"
            + target
            + "' is neither a span id (16 hex digits) nor a value hash (32 hex digits)"
            + " nor a value node id");
  }

  private List<String> valuesWithHash(long h1, long h2, String hex) throws SQLException {
    List<String> out = new ArrayList<>();
    String sql =
        "SELECT kind, id FROM ("
            + " SELECT 0 AS kind, 'out:' || lpad(lower(printf('%x', c.span)), 16, '0') AS id,"
            + "   c.run, c.end_ns, c.seq, 0 AS pos FROM calls c"
            + "   WHERE c.has_out AND c.rh1 = ? AND c.rh2 = ?"
            + runCond("c")
            + " UNION ALL SELECT 1, CASE WHEN v.linkable THEN 'in:' || c.run || ':"
            + hex
            + "' ELSE 'arg:' || lpad(lower(printf('%x', c.span)), 16, '0') || ':' || v.pos END,"
            + "   c.run, c.end_ns, c.seq, v.pos FROM vals v JOIN calls c ON c.seq = v.seq"
            + "   WHERE v.h1 = ? AND v.h2 = ?"
            + runCond("c")
            + " AND "
            + external("v")
            + ") x JOIN (SELECT run AS r, min(seq) AS rs FROM calls GROUP BY run) o ON o.r = x.run"
            + " ORDER BY o.rs, kind, end_ns, seq, pos";
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setLong(1, h1);
      ps.setLong(2, h2);
      ps.setLong(3, h1);
      ps.setLong(4, h2);
      try (ResultSet rs = ps.executeQuery()) {
        Set<String> seen = new LinkedHashSet<>();
        while (rs.next()) {
          seen.add(rs.getString(2));
        }
        out.addAll(seen);
      }
    }
    return out;
  }

  private boolean exists(String id) throws SQLException {
    if (id.startsWith("out:") && Hex.isHex(id.substring(4), 16)) {
      loadCalls("c.span = " + Ids.span(id.substring(4)));
      Call c = calls.get(id.substring(4));
      return c != null && c.hasOut;
    }
    if (id.startsWith("in:")) {
      String[] p = id.split(":");
      return p.length == 3 && Hex.isHex(p[2], 32) && firstExternal(p[1], p[2]) != null;
    }
    if (id.startsWith("arg:")) {
      String[] p = id.split(":");
      if (p.length != 3 || !Hex.isHex(p[1], 16)) {
        return false;
      }
      loadCalls("c.span = " + Ids.span(p[1]));
      return calls.containsKey(p[1])
          && inputsOf(p[1]).stream().anyMatch(u -> u.valueId().equals(id));
    }
    return false;
  }

  // ---- the walks (same order as GraphQuery's FIFO walk) ----

  private Subgraph lineage(List<String> start) throws SQLException {
    Set<String> seen = new LinkedHashSet<>();
    List<Edge> edges = new ArrayList<>();
    List<String> level = new ArrayList<>(start);
    while (!level.isEmpty()) {
      prefetchInputs(level, seen);
      List<String> next = new ArrayList<>();
      for (String n : level) {
        if (!seen.add(n)) {
          continue;
        }
        if (calls.containsKey(n)) {
          for (Usage u : inputsOf(n)) {
            edges.add(new Edge(u.valueId(), n, EdgeType.USED, u.role(), u.link(), u.probable()));
            next.add(u.valueId());
          }
        } else if (n.startsWith("out:")) {
          String span = n.substring(4);
          edges.add(new Edge(span, n, EdgeType.GENERATED, null));
          next.add(span);
        }
      }
      level = next;
    }
    return new Subgraph(Direction.UPSTREAM, List.copyOf(start), seen, edges);
  }

  private Subgraph impact(List<String> start) throws SQLException {
    Set<String> seen = new LinkedHashSet<>();
    List<Edge> edges = new ArrayList<>();
    List<String> level = new ArrayList<>(start);
    while (!level.isEmpty()) {
      List<String> next = new ArrayList<>();
      for (String n : level) {
        if (!seen.add(n)) {
          continue;
        }
        if (isCallId(n)) {
          Call c = call(n);
          if (c != null && c.hasOut) {
            String out = "out:" + n;
            edges.add(new Edge(n, out, EdgeType.GENERATED, null));
            next.add(out);
          }
        } else {
          for (Usage u : consumersOf(n)) {
            edges.add(new Edge(n, u.spanId(), EdgeType.USED, u.role(), u.link(), u.probable()));
            next.add(u.spanId());
          }
        }
      }
      level = next;
    }
    return new Subgraph(Direction.DOWNSTREAM, List.copyOf(start), seen, edges);
  }

  private static boolean isCallId(String n) {
    return n.indexOf(':') < 0;
  }

  private Call call(String span) throws SQLException {
    if (!calls.containsKey(span)) {
      loadCalls("c.span = " + Ids.span(span));
    }
    return calls.get(span);
  }

  // ---- rows ----

  private void loadCalls(String where) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT c.seq, c.span, c.run, c.src, c.qidx, c.eff, c.has_out FROM calls c WHERE "
                + where
                + runCond("c"))) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Call c =
              new Call(
                  rs.getLong(1),
                  Ids.span(rs.getLong(2)),
                  rs.getString(3),
                  rs.getInt(4),
                  rs.getLong(5),
                  rs.getDouble(6),
                  rs.getBoolean(7));
          calls.putIfAbsent(c.span, c);
          spanOfSeq.put(c.seq, c.span);
        }
      }
    }
  }

  /** Loads the inputs of every call of {@code level} not known yet, with one query. */
  private void prefetchInputs(List<String> level, Set<String> seen) throws SQLException {
    List<String> spans = new ArrayList<>();
    List<String> outs = new ArrayList<>();
    for (String n : level) {
      if (seen.contains(n)) {
        continue;
      }
      if (isCallId(n) && !inputs.containsKey(n)) {
        spans.add(n);
      } else if (n.startsWith("out:") && !calls.containsKey(n.substring(4))) {
        outs.add(n.substring(4));
      }
    }
    List<String> missing = new ArrayList<>();
    for (String s : spans) {
      if (!calls.containsKey(s)) {
        missing.add(s);
      }
    }
    missing.addAll(outs);
    if (!missing.isEmpty()) {
      loadCalls("c.span IN (" + join(missing) + ")");
    }
    if (!spans.isEmpty()) {
      loadInputs(spans);
    }
  }

  private static String join(List<String> spans) {
    StringBuilder b = new StringBuilder();
    for (String s : spans) {
      b.append(b.length() == 0 ? "" : ",").append(Ids.span(s));
    }
    return b.toString();
  }

  private List<Usage> inputsOf(String span) throws SQLException {
    if (!inputs.containsKey(span)) {
      loadInputs(List.of(span));
    }
    return inputs.getOrDefault(span, List.of());
  }

  /**
   * Builds the usages of calls as ProvenanceGraphBuilder does, from their references in {@link
   * dev.tooltrace.cli.analysis.ValueLinking#inputs} order (each argument whole, then its elements;
   * then the returned value and its elements) and their edges, assembled by the rule's own {@link
   * CallUsages}.
   */
  private void loadInputs(List<String> spans) throws SQLException {
    StringBuilder seqs = new StringBuilder();
    for (String s : spans) {
      Call c = calls.get(s);
      if (c != null) {
        seqs.append(seqs.length() == 0 ? "" : ",").append(c.seq);
      }
      inputs.put(s, new ArrayList<>());
    }
    if (seqs.length() == 0) {
      return;
    }
    Map<Long, CallUsages> uses = new LinkedHashMap<>();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT v.seq, v.pos, v.elem, v.name, v.h1, v.h2, v.linkable, v.partial, v.lw, v.le,"
                + " p.span, e.link, e.pel, c.run, c.span,"
                + " EXISTS (SELECT 1 FROM explained x WHERE x.seq = v.seq AND x.pos = v.pos)"
                + " FROM vals v JOIN calls c ON c.seq = v.seq"
                + " LEFT JOIN edges e ON e.seq = v.seq AND e.pos = v.pos AND e.elem = v.elem"
                + crossCond("e")
                + " LEFT JOIN calls p ON p.seq = e.pseq"
                + " WHERE v.seq IN ("
                + seqs
                + ") ORDER BY v.seq, v.pos < 0, v.pos, v.elem")) {
      try (ResultSet rs = ps.executeQuery()) {
        long seq = -1;
        int pos = Integer.MIN_VALUE;
        String[] pendingExternal = null;
        CallUsages u = null;
        while (rs.next()) {
          long rowSeq = rs.getLong(1);
          int rowPos = rs.getInt(2);
          if (rowSeq != seq || rowPos != pos) {
            external(u, pendingExternal);
            pendingExternal = null;
            seq = rowSeq;
            pos = rowPos;
            u = uses.computeIfAbsent(seq, k -> new CallUsages());
          }
          int elem = rs.getInt(3);
          String role = rs.getString(4);
          boolean partial = rs.getBoolean(8);
          long producer = rs.getLong(11);
          boolean linked = !rs.wasNull();
          String link = rs.getString(12);
          boolean returned = pos < 0;
          if (linked && !"crossing runs".equals(link)) {
            String label = rs.getBoolean(13) ? rs.getString(10) : rs.getString(9);
            boolean probable = "hash".equals(link) && partial;
            u.add("out:" + Ids.span(producer), role, label, probable, returned);
          } else if (elem < 0 && !returned && !rs.getBoolean(16)) {
            // An external input, used after the argument's element references (as in memory);
            // across runs it is the other run's output (CrossRunLinking keeps its place).
            String id;
            if (linked) {
              id = "out:" + Ids.span(producer);
            } else {
              long h1 = rs.getLong(5);
              boolean hashed = !rs.wasNull();
              id =
                  rs.getBoolean(7) && hashed
                      ? "in:" + rs.getString(14) + ":" + Ids.hex32(h1, rs.getLong(6))
                      : "arg:" + Ids.span(rs.getLong(15)) + ":" + pos;
            }
            pendingExternal = new String[] {id, role, linked && partial ? "p" : ""};
          }
        }
        external(u, pendingExternal);
      }
    }
    for (String s : spans) {
      Call c = calls.get(s);
      if (c == null) {
        continue;
      }
      CallUsages u = uses.get(c.seq);
      if (u != null) {
        inputs.get(s).addAll(u.build(s));
      }
    }
  }

  private static void external(CallUsages u, String[] e) {
    if (u != null && e != null) {
      u.add(e[0], e[1], null, !e[2].isEmpty(), false);
    }
  }

  /** The calls that used a value, in the order the in-memory graph links them (end order). */
  private List<Usage> consumersOf(String valueId) throws SQLException {
    String sql;
    if (valueId.startsWith("out:")) {
      Call p = call(valueId.substring(4));
      if (p == null) {
        return List.of();
      }
      sql =
          "SELECT DISTINCT c.span, c.end_ns, c.seq FROM edges e JOIN calls c ON c.seq = e.seq"
              + " WHERE e.pseq = "
              + p.seq
              + crossCond("e")
              + runCond("c")
              + " ORDER BY c.end_ns, c.seq";
    } else if (valueId.startsWith("in:")) {
      String[] p = valueId.split(":");
      sql =
          "SELECT DISTINCT c.span, c.end_ns, c.seq FROM vals v JOIN calls c ON c.seq = v.seq"
              + " WHERE v.linkable AND c.run = '"
              + p[1].replace("'", "")
              + "' AND v.h1 = "
              + Ids.hi(p[2])
              + " AND v.h2 = "
              + Ids.lo(p[2])
              + " AND "
              + external("v")
              + " ORDER BY c.end_ns, c.seq";
    } else if (valueId.startsWith("arg:")) {
      String span = valueId.split(":")[1];
      List<Usage> out = new ArrayList<>();
      for (Usage u : inputsOf(span)) {
        if (u.valueId().equals(valueId)) {
          out.add(u);
        }
      }
      return out;
    } else {
      return List.of();
    }
    List<String> spans = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        spans.add(Ids.span(rs.getLong(1)));
      }
    }
    List<String> unknown = new ArrayList<>();
    for (String s : spans) {
      if (!calls.containsKey(s)) {
        unknown.add(s);
      }
    }
    if (!unknown.isEmpty()) {
      loadCalls("c.span IN (" + join(unknown) + ")");
    }
    List<String> noInputs = new ArrayList<>();
    for (String s : spans) {
      if (!inputs.containsKey(s)) {
        noInputs.add(s);
      }
    }
    if (!noInputs.isEmpty()) {
      loadInputs(noInputs);
    }
    List<Usage> out = new ArrayList<>();
    for (String s : spans) {
      for (Usage u : inputs.get(s)) {
        if (u.valueId().equals(valueId)) {
          out.add(u);
        }
      }
    }
    return out;
  }

  /** {span, pos} of the first call (in end order) that used external value in:RUN:HASH. */
  private String[] firstExternal(String valueRun, String hash) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT c.span, v.pos FROM vals v JOIN calls c ON c.seq = v.seq"
                + " WHERE v.linkable AND c.run = ? AND v.h1 = ? AND v.h2 = ? AND "
                + external("v")
                + " ORDER BY c.end_ns, c.seq, v.pos LIMIT 1")) {
      ps.setString(1, valueRun);
      ps.setLong(2, Ids.hi(hash));
      ps.setLong(3, Ids.lo(hash));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new String[] {Ids.span(rs.getLong(1)), rs.getString(2)} : null;
      }
    }
  }

  // ---- the graph the renderers read ----

  private ProvenanceGraph graph(Subgraph s) throws SQLException {
    Map<String, String[]> firsts = new HashMap<>();
    Set<String> needed = new LinkedHashSet<>();
    for (String n : s.nodes()) {
      if (isCallId(n)) {
        needed.add(n);
      } else if (n.startsWith("out:")) {
        needed.add(n.substring(4));
      } else if (n.startsWith("arg:")) {
        needed.add(n.split(":")[1]);
      } else if (n.startsWith("in:")) {
        String[] p = n.split(":");
        String[] f = firstExternal(p[1], p[2]);
        if (f != null) {
          firsts.put(n, f);
          needed.add(f[0]);
        }
      }
    }
    List<String> unknown = new ArrayList<>();
    for (String span : needed) {
      if (!calls.containsKey(span)) {
        unknown.add(span);
      }
    }
    if (!unknown.isEmpty()) {
      loadCalls("c.span IN (" + join(unknown) + ")");
    }
    List<long[]> rows = new ArrayList<>();
    for (String span : needed) {
      Call c = calls.get(span);
      if (c != null) {
        rows.add(new long[] {c.src, c.qidx, Ids.span(span)});
      }
    }
    Map<String, CallRecord> records = new HashMap<>();
    for (CallRecord r : CallFetch.fetch(docs, rows)) {
      records.put(r.spanId(), r);
    }
    ProvenanceGraph.Parts parts = new ProvenanceGraph.Parts();
    for (String n : s.nodes()) {
      if (isCallId(n)) {
        CallRecord r = records.get(n);
        if (r != null) {
          parts.call(r, calls.get(n).eff);
        }
      } else if (n.startsWith("out:")) {
        String span = n.substring(4);
        CallRecord r = records.get(span);
        if (r != null) {
          parts.value(new ValueNode(n, r.runId(), r.result(), span), calls.get(span).eff);
        }
      } else if (n.startsWith("arg:")) {
        String[] p = n.split(":");
        CallRecord r = records.get(p[1]);
        if (r != null) {
          ValueRecord v = r.args().get(Integer.parseInt(p[2]));
          parts.value(new ValueNode(n, r.runId(), v, null), 1.0);
        }
      } else if (n.startsWith("in:")) {
        String[] f = firsts.get(n);
        CallRecord r = f == null ? null : records.get(f[0]);
        if (r != null) {
          ValueRecord v = r.args().get(Integer.parseInt(f[1]));
          parts.value(new ValueNode(n, n.split(":")[1], v, null), 1.0);
        }
      }
    }
    return parts.graph();
  }
}
