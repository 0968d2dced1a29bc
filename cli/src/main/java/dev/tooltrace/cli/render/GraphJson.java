/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tooltrace.cli.analysis.ProvenanceGraph;
import dev.tooltrace.cli.analysis.ProvenanceGraph.ValueNode;
import dev.tooltrace.cli.analysis.Subgraph;
import dev.tooltrace.cli.analysis.Subgraph.Edge;
import java.util.Locale;

/**
 * A lineage or impact answer as JSON: {@code query}, {@code direction}, {@code start} (node ids),
 * {@code nodes} (calls with {@code kind:"call"}, values with {@code kind:"value"}, each with {@code
 * effectiveConfidence}), {@code edges} ({@code used}: value to call; {@code generated}: call to
 * value) and, for lineage, {@code externalInputs}.
 */
public final class GraphJson {
  private GraphJson() {}

  public static ObjectNode of(ProvenanceGraph g, Subgraph s, String query) {
    ObjectNode root = Json.object();
    root.put("query", query);
    root.put("direction", s.direction().name().toLowerCase(Locale.ROOT));
    ArrayNode start = root.putArray("start");
    s.start().forEach(start::add);
    ArrayNode nodes = root.putArray("nodes");
    ArrayNode external = Json.MAPPER.createArrayNode();
    for (String id : s.nodes()) {
      ObjectNode o;
      if (g.isCall(id)) {
        o = Json.object();
        o.put("id", id);
        o.put("kind", "call");
        o.setAll(TraceJson.call(g.call(id)));
      } else {
        ValueNode v = g.value(id);
        o = Json.object();
        o.put("id", id);
        o.put("kind", "value");
        o.put("runId", v.runId());
        o.put("generatedBy", v.generatedBy());
        o.put("external", v.external());
        ObjectNode val = TraceJson.value(v.value());
        val.remove("name");
        o.setAll(val);
        if (v.external()) {
          external.add(id);
        }
      }
      o.put("effectiveConfidence", g.effectiveConfidence(id));
      nodes.add(o);
    }
    ArrayNode edges = root.putArray("edges");
    for (Edge e : s.edges()) {
      ObjectNode o = edges.addObject();
      o.put("from", e.from());
      o.put("to", e.to());
      o.put("type", e.type().name().toLowerCase(Locale.ROOT));
      if (e.role() != null) {
        o.put("role", e.role());
      }
      if (e.link() != null) {
        o.put("link", e.link());
      }
      if (e.probable()) {
        o.put("probable", true);
      }
    }
    if (s.direction() == Subgraph.Direction.UPSTREAM) {
      root.set("externalInputs", external);
    }
    return root;
  }
}
