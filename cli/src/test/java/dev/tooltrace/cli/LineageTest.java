/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static dev.tooltrace.cli.TestQueue.call;
import static dev.tooltrace.cli.TestQueue.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    return ProvenanceGraphBuilder.build(QueueLoader.load(dir, new PrintWriter(new StringWriter())));
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

  @Test
  void sameValueConsumedTwiceLinksBothConsumersToOneProducer() {
    V x = V.str("shared value");
    V e = V.str("external config text");
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(1, "main", call(0x10, 0, "make", 0, 1).returns(x));
      q.batch(1, "main", call(0x20, 0, "useA", 2, 1).arg("v", x).arg("cfg", e).returns(V.str("a")));
      q.batch(1, "main", call(0x30, 0, "useB", 4, 1).arg("v", x).arg("cfg", e).returns(V.str("b")));
    }
    ProvenanceGraph g = graph();
    String ext = "in:" + TestQueue.RUN + ":" + e.hash;
    assertEquals(set(c(0x20), out(0x10), c(0x10), ext), lineage(g, c(0x20)));
    assertEquals(set(c(0x30), out(0x10), c(0x10), ext), lineage(g, c(0x30)));
    assertEquals(
        set(c(0x10), out(0x10), c(0x20), out(0x20), c(0x30), out(0x30)), impact(g, c(0x10)));
    assertEquals(
        set(ext, c(0x20), out(0x20), c(0x30), out(0x30)),
        impact(g, e.hash),
        "one external input consumed twice is one node");
  }

  @Test
  void valuePassedThroughUnchangedLinksToTheLatestHolder() {
    V x = V.str("payload");
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(1, "main", call(0x10, 0, "make", 0, 1).returns(x));
      // passthrough returns the very same object: same hash, identity link to make.
      q.batch(
          1,
          "main",
          call(0x20, 0, "validate", 2, 1)
              .arg("v", V.str("payload", 0x10))
              .returns(V.str("payload", 0x10)));
      q.batch(1, "main", call(0x30, 0, "consume", 4, 1).arg("v", x).returns(V.str("done")));
    }
    ProvenanceGraph g = graph();
    assertEquals(set(c(0x30), out(0x20), c(0x20), out(0x10), c(0x10)), lineage(g, c(0x30)));
    assertEquals(
        set(c(0x10), out(0x10), c(0x20), out(0x20), c(0x30), out(0x30)), impact(g, c(0x10)));
    assertEquals(set(c(0x20), out(0x20), c(0x30), out(0x30)), impact(g, c(0x20)));
  }

  @Test
  void valuesCrossThreadsWhateverOrderTheBatchesWereWritten() {
    V x = V.str("made on worker-1");
    V y = V.str("made on worker-2");
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      // The consumer's thread flushed its batch first; the producers' batches come later.
      q.batch(
          3,
          "worker-3",
          call(0x30, 0, "combine", 10, 2)
              .trace(3)
              .arg("a", x)
              .arg("b", y)
              .returns(V.str("combined")));
      q.batch(2, "worker-2", call(0x20, 0, "produceY", 1, 5).trace(2).returns(y));
      q.batch(1, "worker-1", call(0x10, 0, "produceX", 0, 3).trace(1).returns(x));
    }
    ProvenanceGraph g = graph();
    assertEquals(set(c(0x30), out(0x10), c(0x10), out(0x20), c(0x20)), lineage(g, c(0x30)));
    assertEquals(set(c(0x20), out(0x20), c(0x30), out(0x30)), impact(g, c(0x20)));
  }

  @Test
  void mostRecentEarlierProducerWinsAndLaterOnesAreIgnored() {
    V v = V.str("same content");
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(1, "main", call(0x10, 0, "first", 0, 1).returns(v));
      q.batch(2, "other", call(0x20, 0, "second", 2, 1).trace(2).returns(v));
      // Ends at 6, after the consumer started at 5: cannot have fed it.
      q.batch(3, "late", call(0x40, 0, "late", 3, 3).trace(3).returns(v));
      q.batch(1, "main", call(0x30, 0, "consumer", 5, 1).arg("v", v).returns(V.str("r")));
    }
    ProvenanceGraph g = graph();
    assertEquals(set(c(0x30), out(0x20), c(0x20)), lineage(g, c(0x30)));
    assertEquals(set(c(0x10), out(0x10)), impact(g, c(0x10)));
    assertEquals(set(c(0x40), out(0x40)), impact(g, c(0x40)));
  }

  @Test
  void scalarsEmptyValuesAndBooleansMakeNoSpuriousEdges() {
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(1, "main", call(0x10, 0, "countA", 0, 1).returns(V.boxedInt(1, 0)));
      q.batch(1, "main", call(0x11, 0, "flag", 0, 1).returns(V.bool(true)));
      q.batch(1, "main", call(0x12, 0, "blank", 0, 1).returns(V.str("")));
      q.batch(1, "main", call(0x13, 0, "small", 0, 1).returns(V.boxedInt(7, 0)));
      q.batch(
          1,
          "main",
          call(0x20, 0, "consumer", 5, 1)
              .arg("n", V.primitiveInt(1))
              .arg("boxed", V.boxedInt(1, 0))
              .arg("b", V.bool(true))
              .arg("s", V.str(""))
              // identity link to a JDK-cached Integer: not evidence of flow
              .arg("cached", V.boxedInt(7, 0x13))
              .arg("none", V.nullValue("java.lang.String"))
              .returns(V.str("result")));
    }
    ProvenanceGraph g = graph();
    String a = "arg:" + span(0x20) + ":";
    assertEquals(
        set(c(0x20), a + 0, a + 1, a + 2, a + 3, a + 4),
        lineage(g, c(0x20)),
        "each scalar/empty input is its own external input; null is no node");
    assertEquals(set(c(0x10), out(0x10)), impact(g, c(0x10)));
    assertEquals(set(c(0x13), out(0x13)), impact(g, c(0x13)));
  }

  @Test
  void boxedNumbersAndHashlessObjectsLinkByIdentity() {
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(1, "main", call(0x10, 0, "count", 0, 1).returns(V.boxedInt(123_456, 0)));
      q.batch(
          1, "main", call(0x11, 0, "open", 0, 1).returns(V.opaque("java.io.InputStream", "in", 0)));
      q.batch(
          1,
          "main",
          call(0x20, 0, "use", 5, 1)
              .arg("n", V.boxedInt(123_456, 0x10))
              .arg("in", V.opaque("java.io.InputStream", "in", 0x11))
              .returns(V.str("used")));
    }
    ProvenanceGraph g = graph();
    assertEquals(set(c(0x20), out(0x10), c(0x10), out(0x11), c(0x11)), lineage(g, c(0x20)));
  }

  @Test
  void nestedCallsAndTheValueAStageReturns() {
    V doc = V.str("input document");
    V parsed = V.obj("example.Parsed", "words=2", 0);
    V score = V.str("score=0.9");
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      // Child-first, as the agent writes a thread's batch: parse, score, then pipeline.
      q.batch(
          1,
          "main",
          call(0x11, 0x10, "parse", 1, 2).arg("doc", doc).returns(parsed),
          call(0x12, 0x10, "score", 4, 2).arg("p", parsed).returns(score),
          call(0x10, 0, "pipeline", 0, 10).arg("doc", doc).returns(score));
      q.batch(1, "main", call(0x20, 0, "publish", 12, 1).arg("s", score).returns(V.str("ok")));
    }
    ProvenanceGraph g = graph();
    String ext = "in:" + TestQueue.RUN + ":" + doc.hash;
    assertEquals(
        set(c(0x10), out(0x10), c(0x12), out(0x12), c(0x20), out(0x20)),
        impact(g, c(0x12)),
        "the stage that returns score's value depends on score");
    assertEquals(
        set(c(0x11), out(0x11), c(0x12), out(0x12), c(0x10), out(0x10), c(0x20), out(0x20)),
        impact(g, c(0x11)));
    assertEquals(
        set(c(0x20), out(0x10), c(0x10), out(0x12), c(0x12), out(0x11), c(0x11), ext),
        lineage(g, c(0x20)),
        "publish got score's value from pipeline, the latest call that returned it");
  }

  @Test
  void aValueAnotherRunProducedLinksAcrossRunsOnlyWhereItWouldBeExternal() {
    V x = V.str("same bytes in two runs");
    V y = V.str("made again inside the second run");
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(1, "main", call(0x10, 0, "make", 0, 1).returns(x));
      q.batch(1, "main", call(0x11, 0, "makeY", 1, 1).returns(y));
      TestQueue q2 = new TestQueue(q, 0x99, 0x98);
      q2.run(TestQueue.T0 + 2 * TestQueue.MS);
      q2.batch(1, "main", call(0x20, 0, "use", 5, 1).arg("v", x).returns(V.str("r")));
      q2.batch(1, "main", call(0x21, 0, "makeY2", 6, 1).returns(y));
      q2.batch(1, "main", call(0x22, 0, "useY", 8, 1).arg("y", y).returns(V.str("s")));
    }
    ProvenanceGraph g = graph();
    assertEquals(
        set(c(0x20), out(0x10), c(0x10)),
        lineage(g, c(0x20)),
        "the input no call of its own run made comes from the other run");
    assertEquals(
        set(c(0x22), out(0x21), c(0x21)),
        lineage(g, c(0x22)),
        "a producer inside the run keeps precedence over an earlier one in another run");
  }

  @Test
  void aLinkCrossingRunsIsMarkedInEveryFormat() {
    V x = V.str("written by one process, read by another");
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(1, "main", call(0x10, 0, "render", 0, 1).returns(x));
      TestQueue q2 = new TestQueue(q, 0x99, 0x98);
      q2.run(TestQueue.T0 + 2 * TestQueue.MS);
      q2.batch(1, "main", call(0x20, 0, "parse", 5, 1).arg("csv", x).returns(V.str("r")));
    }
    String d = dir.toString();
    Cli.Result json = Cli.run("lineage", span(0x20), "--dir", d, "--json");
    assertEquals(0, json.code(), json.err());
    String edge =
        "\"from\" : \"out:"
            + span(0x10)
            + "\",\n    \"to\" : \""
            + span(0x20)
            + "\",\n    \"type\" : \"used\",\n    \"role\" : \"csv\",\n"
            + "    \"crossingRuns\" : true";
    assertTrue(json.out().contains(edge), json.out());
    assertEquals(
        1, json.out().split("crossingRuns", -1).length - 1, "only the one edge: " + json.out());

    Cli.Result text = Cli.run("lineage", span(0x20), "--dir", d);
    assertTrue(
        text.out().contains("(crossing runs: made in run 11112222, used in run 00000000")
            && text.out().contains("1 links crossing runs"),
        text.out());
    Cli.Result dot = Cli.run("lineage", span(0x20), "--dir", d, "--format", "dot");
    assertTrue(
        dot.out().contains("[label=\"csv (crossing runs)\", style=bold, color=blue]"), dot.out());

    Cli.Result oneRun = Cli.run("lineage", span(0x20), "--dir", d, "--run", "0000000000000099");
    assertTrue(
        oneRun.out().contains("(external input)") && !oneRun.out().contains("crossing"),
        "--run stays within its run: " + oneRun.out());
  }

  @Test
  void effectiveConfidenceIsTheMinimumAlongTheLineage() {
    V x = V.str("x");
    V y = V.str("y");
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(1, "main", call(0x10, 0, "a", 0, 1).confidence(0.9).returns(x));
      q.batch(1, "main", call(0x20, 0, "b", 2, 1).confidence(0.5).arg("x", x).returns(y));
      q.batch(1, "main", call(0x30, 0, "c", 4, 1).arg("y", y).returns(V.str("z")));
      q.batch(1, "main", call(0x40, 0, "d", 6, 1).confidence(0.95).arg("x", x).returns(V.str("w")));
      q.batch(1, "main", call(0x50, 0, "e", 8, 1).arg("in", V.str("external")).returns(V.str("v")));
    }
    ProvenanceGraph g = graph();
    assertEquals(0.9, g.effectiveConfidence(out(0x10)), 1e-12);
    assertEquals(0.5, g.effectiveConfidence(out(0x20)), 1e-12);
    assertEquals(0.5, g.effectiveConfidence(c(0x30)), 1e-12, "no own confidence: bounded by input");
    assertEquals(0.9, g.effectiveConfidence(out(0x40)), 1e-12, "own 0.95 bounded by input 0.9");
    assertEquals(1.0, g.effectiveConfidence(out(0x50)), 1e-12);
  }
}
