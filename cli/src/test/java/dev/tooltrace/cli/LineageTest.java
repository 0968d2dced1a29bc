/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static dev.tooltrace.cli.TestQueue.call;
import static dev.tooltrace.cli.TestQueue.span;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tooltrace.cli.TestQueue.V;
import dev.tooltrace.cli.analysis.GraphQuery;
import dev.tooltrace.cli.analysis.ProvenanceGraph;
import dev.tooltrace.cli.analysis.ProvenanceGraphBuilder;
import dev.tooltrace.cli.analysis.Subgraph;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipelines with a known data flow, written as the agent writes them; every lineage and impact
 * query must return exactly the expected nodes and edges.
 */
class LineageTest {
  @TempDir Path dir;

  private ProvenanceGraph graph() {
    return ProvenanceGraphBuilder.build(
        QueueLoader.load(dir, new PrintWriter(new StringWriter())));
  }

  private static Set<String> set(String... ids) {
    return new HashSet<>(Set.of(ids));
  }

  private static String c(long s) {
    return span(s);
  }

  private static String out(long s) {
    return "out:" + span(s);
  }

  private Set<String> lineage(ProvenanceGraph g, String target) {
    GraphQuery q = new GraphQuery(g);
    return new HashSet<>(q.lineage(q.resolve(target)).nodes());
  }

  private Set<String> impact(ProvenanceGraph g, String target) {
    GraphQuery q = new GraphQuery(g);
    return new HashSet<>(q.impact(q.resolve(target)).nodes());
  }

  private static Set<String> edges(Subgraph s) {
    Set<String> out = new HashSet<>();
    for (Subgraph.Edge e : s.edges()) {
      out.add(e.from() + ">" + e.to());
    }
    return out;
  }

  @Test
  void fanOutFanInAndDiamond() {
    V input = V.str("raw document text");
    V s = V.str("split");
    V l = V.str("left");
    V r = V.str("right");
    V j = V.str("joined");
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(1, "main", call(0x10, 0, "source", 0, 1).arg("text", input).returns(s));
      q.batch(1, "main", call(0x20, 0, "left", 2, 1).arg("in", s).returns(l));
      q.batch(1, "main", call(0x30, 0, "right", 4, 1).arg("in", s).returns(r));
      q.batch(1, "main", call(0x40, 0, "join", 6, 1).arg("a", l).arg("b", r).returns(j));
      q.runEnd(TestQueue.T0 + 10 * TestQueue.MS);
    }
    ProvenanceGraph g = graph();
    String ext = "in:" + TestQueue.RUN + ":" + input.hash;
    assertEquals(
        set(c(0x40), out(0x20), c(0x20), out(0x30), c(0x30), out(0x10), c(0x10), ext),
        lineage(g, c(0x40)),
        "diamond lineage");
    assertEquals(
        set(out(0x40), c(0x40), out(0x20), c(0x20), out(0x30), c(0x30), out(0x10), c(0x10), ext),
        lineage(g, j.hash),
        "lineage of the joined value by hash");
    assertEquals(
        set(c(0x10), out(0x10), c(0x20), out(0x20), c(0x30), out(0x30), c(0x40), out(0x40)),
        impact(g, c(0x10)),
        "fan-out impact");
    assertEquals(set(c(0x20), out(0x20), c(0x40), out(0x40)), impact(g, c(0x20)));
    assertEquals(
        set(ext, c(0x10), out(0x10), c(0x20), out(0x20), c(0x30), out(0x30), c(0x40), out(0x40)),
        impact(g, input.hash),
        "impact of the external input");
    GraphQuery gq = new GraphQuery(g);
    assertEquals(
        Set.of(
            out(0x20) + ">" + c(0x40),
            out(0x30) + ">" + c(0x40),
            c(0x20) + ">" + out(0x20),
            c(0x30) + ">" + out(0x30),
            out(0x10) + ">" + c(0x20),
            out(0x10) + ">" + c(0x30),
            c(0x10) + ">" + out(0x10),
            ext + ">" + c(0x10)),
        edges(gq.lineage(gq.resolve(c(0x40)))),
        "no missing and no extra edges");
  }
}
