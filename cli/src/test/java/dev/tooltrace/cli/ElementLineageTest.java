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
import dev.tooltrace.record.testing.FixtureElement;
import dev.tooltrace.record.testing.FixtureValue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage through collections, from records written as the agent writes them: fan-in (elements of
 * an argument are earlier outputs), fan-out (an argument is an element of an earlier output), by
 * identity and by content; when a collection is an external input and when its elements explain it;
 * probable links by sampled hashes. Every answer is checked edge by edge.
 */
class ElementLineageTest {
  @TempDir Path dir;

  private ProvenanceGraph graph() {
    return ProvenanceGraphBuilder.build(QueueLoader.load(dir, new PrintWriter(new StringWriter())));
  }

  private static String c(long s) {
    return span(s);
  }

  private static String out(long s) {
    return "out:" + span(s);
  }

  /** Edges as "from>to:type[:role[:link]][:probable]". */
  private static Set<String> edges(Subgraph s) {
    Set<String> out = new TreeSet<>();
    for (Subgraph.Edge e : s.edges()) {
      String x = e.from() + ">" + e.to() + ":" + e.type().name().toLowerCase();
      if (e.role() != null) {
        x += ":" + e.role();
      }
      if (e.link() != null) {
        x += ":" + e.link();
      }
      if (e.probable()) {
        x += ":probable";
      }
      out.add(x);
    }
    return out;
  }

  private static Set<String> set(String... s) {
    return new TreeSet<>(List.of(s));
  }

  private static Subgraph lineage(ProvenanceGraph g, String target) {
    GraphQuery q = new GraphQuery(g);
    return q.lineage(q.resolve(target));
  }

  private static Subgraph impact(ProvenanceGraph g, String target) {
    GraphQuery q = new GraphQuery(g);
    return q.impact(q.resolve(target));
  }

  private static String gen(long s) {
    return c(s) + ">" + out(s) + ":generated";
  }

  private static String used(String value, long s, String role, String link) {
    return value + ">" + c(s) + ":used:" + role + (link == null ? "" : ":" + link);
  }

  private static V v(FixtureValue f) {
    return new V(f);
  }

  @Test
  void fanInByIdentityAndByContentExplainsTheListSoItIsNoExternalInput() {
    V a = V.str("counts of doc a", 0);
    V b = V.str("counts of doc b", 0);
    V list =
        v(
            FixtureValue.of(List.of("counts of doc a", "counts of doc b"))
                .withElements(
                    FixtureElement.producedBy(0x10), // the very object count(a) returned
                    FixtureElement.of("counts of doc b"))); // a copy of count(b)'s output
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(1, "main", call(0x10, 0, "count", 0, 1).returns(a));
      q.batch(1, "main", call(0x20, 0, "count", 2, 1).returns(b));
      q.batch(1, "main", call(0x30, 0, "merge", 4, 1).arg("counts", list).returns(V.str("m")));
    }
    ProvenanceGraph g = graph();
    Subgraph l = lineage(g, c(0x30));
    assertEquals(
        set(
            used(out(0x10), 0x30, "counts", "element of arg 0"),
            used(out(0x20), 0x30, "counts", "element of arg 0"),
            gen(0x10),
            gen(0x20)),
        edges(l));
    assertEquals(set(c(0x30), c(0x10), c(0x20), out(0x10), out(0x20)), new TreeSet<>(l.nodes()));
    assertEquals(
        set(c(0x10), out(0x10), c(0x30), out(0x30)),
        new TreeSet<>(impact(g, c(0x10)).nodes()),
        "impact of one count reaches merge, not its sibling");
  }

  @Test
  void aListWithDataNoProducerExplainsStaysAnExternalInputBesideItsLinkedElements() {
    V a = V.str("tokens of a", 0);
    FixtureValue mixed =
        FixtureValue.of(List.of("tokens of a", 7))
            .withElements(FixtureElement.producedBy(0x10), FixtureElement.unlinkable());
    FixtureValue cut =
        FixtureValue.of(List.of("tokens of a"))
            .withElements(FixtureElement.producedBy(0x10))
            .elementsTruncated(5);
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(1, "main", call(0x10, 0, "tokenize", 0, 1).returns(a));
      q.batch(1, "main", call(0x20, 0, "merge", 2, 1).arg("parts", v(mixed)).returns(V.str("x")));
      q.batch(1, "main", call(0x30, 0, "merge", 4, 1).arg("parts", v(cut)).returns(V.str("y")));
    }
    ProvenanceGraph g = graph();
    String mixedIn = "in:" + TestQueue.RUN + ":" + mixed.hash();
    assertEquals(
        set(
            used(out(0x10), 0x20, "parts", "element of arg 0"),
            gen(0x10),
            used(mixedIn, 0x20, "parts", null)),
        edges(lineage(g, c(0x20))),
        "the number 7 came from outside: the list is an external input too");
    String cutIn = "in:" + TestQueue.RUN + ":" + cut.hash();
    assertEquals(
        set(
            used(out(0x10), 0x30, "parts", "element of arg 0"),
            gen(0x10),
            used(cutIn, 0x30, "parts", null)),
        edges(lineage(g, c(0x30))),
        "elements the agent did not look at may have come from anywhere");
  }

  @Test
  void fanOutByIdentityAndByContentLinksToTheToolThatReturnedTheList() {
    V docs =
        v(
            FixtureValue.of(List.of("document one", "document two"))
                .withElements(
                    FixtureElement.of("document one"), FixtureElement.of("document two")));
    V one = v(FixtureValue.ofString("document one").producedAsElementOf(0x10));
    V two = V.str("document two", 0); // a copy: linked by content
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(1, "main", call(0x10, 0, "load", 0, 1).returns(docs));
      q.batch(1, "main", call(0x20, 0, "summarize", 2, 1).arg("doc", one).returns(V.str("s1")));
      q.batch(1, "main", call(0x30, 0, "summarize", 4, 1).arg("doc", two).returns(V.str("s2")));
    }
    ProvenanceGraph g = graph();
    assertEquals(
        set(used(out(0x10), 0x20, "doc", "element of return"), gen(0x10)),
        edges(lineage(g, c(0x20))));
    assertEquals(
        set(used(out(0x10), 0x30, "doc", "element of return"), gen(0x10)),
        edges(lineage(g, c(0x30))));
    assertEquals(
        set(c(0x10), out(0x10), c(0x20), out(0x20), c(0x30), out(0x30)),
        new TreeSet<>(impact(g, c(0x10)).nodes()));
  }

  @Test
  void theLatestProducerWinsWhetherItReturnedTheValueWholeOrInAList() {
    // load returns [d]; clean(d) returns d' equal in content to d; use(d') links to clean (latest).
    V docs = v(FixtureValue.of(List.of("text")).withElements(FixtureElement.of("text")));
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(1, "main", call(0x10, 0, "load", 0, 1).returns(docs));
      q.batch(
          1, "main", call(0x20, 0, "clean", 2, 1).arg("d", V.str("text")).returns(V.str("text")));
      q.batch(1, "main", call(0x30, 0, "use", 4, 1).arg("d", V.str("text")).returns(V.str("u")));
    }
    ProvenanceGraph g = graph();
    assertEquals(
        set(
            used(out(0x20), 0x30, "d", null),
            gen(0x20),
            used(out(0x10), 0x20, "d", "element of return"),
            gen(0x10)),
        edges(lineage(g, c(0x30))));
  }

  @Test
  void aStageReturningItsSubStepsOutputsHandsThemOn() {
    V r1 = V.str("result one", 0);
    V r2 = V.str("result two", 0);
    V all =
        v(
            FixtureValue.of(List.of("result one", "result two"))
                .withElements(
                    FixtureElement.of("result one").withProducer(0x11, false),
                    FixtureElement.of("result two")));
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(
          1,
          "main",
          call(0x11, 0x10, "step", 1, 1).returns(r1),
          call(0x12, 0x10, "step", 3, 1).returns(r2),
          call(0x10, 0, "stage", 0, 5).returns(all));
      // As the agent describes the same list passed on: the list by identity, its elements by the
      // producers that returned them whole.
      V passed =
          v(
              FixtureValue.of(List.of("result one", "result two"))
                  .producedBy(0x10)
                  .withElements(FixtureElement.producedBy(0x11), FixtureElement.producedBy(0x12)));
      q.batch(1, "main", call(0x20, 0, "report", 6, 1).arg("results", passed).returns(V.str("r")));
    }
    ProvenanceGraph g = graph();
    assertEquals(
        set(
            used(out(0x10), 0x20, "results", null),
            used(out(0x11), 0x20, "results", "element of arg 0"),
            used(out(0x12), 0x20, "results", "element of arg 0"),
            gen(0x10),
            used(out(0x11), 0x10, "(returned)", "element of own return"),
            used(out(0x12), 0x10, "(returned)", "element of own return"),
            gen(0x11),
            gen(0x12)),
        edges(lineage(g, c(0x20))));
    assertEquals(
        set(c(0x11), out(0x11), c(0x10), out(0x10), c(0x20), out(0x20)),
        new TreeSet<>(impact(g, c(0x11)).nodes()),
        "impact of a sub-step goes through the stage's output");
  }

  @Test
  void sampledHashesLinkOnlyEqualSamplesAndOnlyAsProbable() {
    String big = "p".repeat(100_000);
    V produced = v(FixtureValue.sampledOf(big));
    V consumed = v(FixtureValue.sampledOf(big));
    V exact = v(FixtureValue.of(big));
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(1, "main", call(0x10, 0, "make", 0, 1).returns(produced));
      q.batch(1, "main", call(0x20, 0, "scan", 2, 1).arg("text", consumed).returns(V.str("a")));
      q.batch(1, "main", call(0x30, 0, "scanExact", 4, 1).arg("text", exact).returns(V.str("b")));
    }
    ProvenanceGraph g = graph();
    assertEquals(
        set(used(out(0x10), 0x20, "text", null) + ":probable", gen(0x10)),
        edges(lineage(g, c(0x20))));
    String ext = "in:" + TestQueue.RUN + ":" + exact.hash;
    assertEquals(
        set(used(ext, 0x30, "text", null)),
        edges(lineage(g, c(0x30))),
        "an exact hash never links to a sampled one");
  }

  @Test
  void aContainerElementIsExplainedByItsOwnElements() {
    V t1 = V.str("tokens one", 0);
    V t2 = V.str("tokens two", 0);
    FixtureValue nested =
        FixtureValue.of(List.of(List.of("tokens one", "tokens two")))
            .withElements(
                FixtureElement.container(),
                FixtureElement.producedBy(0x10).at(1),
                FixtureElement.of("tokens two").at(1));
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(1, "main", call(0x10, 0, "tok", 0, 1).returns(t1));
      q.batch(1, "main", call(0x20, 0, "tok", 2, 1).returns(t2));
      q.batch(
          1, "main", call(0x30, 0, "merge", 4, 1).arg("batches", v(nested)).returns(V.str("m")));
    }
    assertEquals(
        set(
            used(out(0x10), 0x30, "batches", "element of arg 0"),
            used(out(0x20), 0x30, "batches", "element of arg 0"),
            gen(0x10),
            gen(0x20)),
        edges(lineage(graph(), c(0x30))));
  }
}
