/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static dev.tooltrace.cli.TestQueue.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tooltrace.cli.TestQueue.V;
import dev.tooltrace.cli.analysis.ProvenanceGraph;
import dev.tooltrace.cli.analysis.ProvenanceGraphBuilder;
import dev.tooltrace.cli.analysis.Recording;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.testing.FixtureElement;
import dev.tooltrace.record.testing.FixtureValue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report links values in one bounded streaming pass; {@code lineage} and {@code impact} link
 * them with {@link ProvenanceGraphBuilder} over the whole queue in memory. On the same queue —
 * several threads, batches appended out of end order, repeated contents, identity links, values a
 * call returns from a nested call, confidences, elements of lists linked by identity and by content
 * — both must find the same usages (counted per producer tool, consumer tool, parameter and link)
 * and the same effective confidence tiers.
 */
class ReportLineageAgreementTest {
  @TempDir Path dir;

  @Test
  void theReportsStreamingLinkerAgreesWithTheProvenanceGraph() throws Exception {
    Path q = dir.resolve("q");
    try (TestQueue t = new TestQueue(q)) {
      t.run(TestQueue.T0);
      TestQueue.Call[] delayed = null;
      for (int i = 0; i < 60; i++) {
        long s = 100L * i;
        long span = 0x1000 + 10L * i;
        String text = "doc " + (i % 20);
        double conf = (i % 3) == 0 ? 0.9 : (i % 3) == 1 ? 0.6 : 0.3;
        TestQueue.Call[] pipeline = {
          call(span + 1, span, "parse", s + 1, 2)
              .trace(i + 1)
              .arg("text", V.str(text))
              .returns(V.obj("Parsed", "parsed " + (i % 20), 0)),
          call(span + 2, span, "score", s + 4, 2)
              .trace(i + 1)
              .confidence(conf)
              .arg("parsed", V.obj("Parsed", "parsed " + (i % 20), 0))
              .returns(V.obj("Score", "score " + i, 0)),
          call(span + 3, span, "summarize", s + 7, 2)
              .trace(i + 1)
              .arg("parsed", V.obj("Parsed", "parsed " + (i % 20), 0))
              .arg("score", V.obj("Score", "score " + i, 0))
              .returns(V.str("summary " + i)),
          call(span, 0, "pipeline", s, 10)
              .trace(i + 1)
              .arg("text", V.str(text))
              .returns(V.str("summary " + i))
        };
        // publish runs on another thread, after the pipeline, and gets the very same object.
        TestQueue.Call publish =
            call(span + 5, 0, "publish", s + 30, 3)
                .trace(1000 + i)
                .arg("summary", V.str("summary " + i, span + 3))
                .returns(V.voidValue());
        if (i % 4 == 1) {
          // The consumer's batch reaches the queue before its producer's.
          t.batch(9, "publisher", publish);
          delayed = pipeline;
        } else {
          t.batch(1 + i % 3, "worker-" + (i % 3), pipeline);
          t.batch(9, "publisher", publish);
        }
        if (delayed != null && i % 4 == 1) {
          t.batch(1 + i % 3, "worker-" + (i % 3), delayed);
          delayed = null;
        }
        if (i % 5 == 4) {
          // Through collections: a list of the last summaries (by identity) merged, a loader's
          // list fanned out (one element by identity, one copy by content), a list with data
          // from outside (a number) that stays an external input beside its linked element.
          long b = 0x9000 + 10L * i;
          t.batch(
              7,
              "batcher",
              call(b, 0, "merge", s + 40, 1)
                  .trace(2000 + i)
                  .arg(
                      "summaries",
                      new V(
                          FixtureValue.of(List.of("summary " + i, "summary " + (i - 1)))
                              .withElements(
                                  FixtureElement.producedBy(span + 3),
                                  FixtureElement.producedBy(span - 10 + 3))))
                  .returns(V.str("merged " + i)),
              call(b + 1, 0, "load", s + 42, 1)
                  .trace(2000 + i)
                  .returns(
                      new V(
                          FixtureValue.of(List.of("row a " + i, "row b " + i))
                              .withElements(
                                  FixtureElement.of("row a " + i),
                                  FixtureElement.of("row b " + i)))),
              call(b + 2, 0, "use", s + 44, 1)
                  .trace(2000 + i)
                  .arg("row", new V(FixtureValue.ofString("row a " + i).producedAsElementOf(b + 1)))
                  .returns(V.str("used a " + i)),
              call(b + 3, 0, "use", s + 46, 1)
                  .trace(2000 + i)
                  .arg("row", V.str("row b " + i))
                  .returns(V.str("used b " + i)),
              call(b + 4, 0, "mix", s + 48, 1)
                  .trace(2000 + i)
                  .arg(
                      "parts",
                      new V(
                          FixtureValue.of(List.of("merged " + i, 7))
                              .withElements(
                                  FixtureElement.producedBy(b), FixtureElement.unlinkable())))
                  .returns(V.str("mixed " + i)));
        }
      }
    }

    Recording rec = QueueLoader.load(q, new PrintWriter(new StringWriter()));
    ProvenanceGraph g = ProvenanceGraphBuilder.build(rec);
    Map<String, Long> expectedUses = new TreeMap<>();
    Map<String, Long> expectedTiers = new TreeMap<>();
    for (CallRecord c : g.calls()) {
      for (ProvenanceGraph.Usage u : g.inputsOf(c.spanId())) {
        ProvenanceGraph.ValueNode v = g.value(u.valueId());
        String from = v.external() ? "(input)" : g.call(v.generatedBy()).tool();
        String as = u.role() + (u.link() == null ? "" : " · " + u.link());
        expectedUses.merge(from + " -> " + c.tool() + " as " + as, 1L, Long::sum);
      }
      double e = g.effectiveConfidence(c.spanId());
      String tier = e >= 0.8 ? "high" : e >= 0.5 ? "medium" : "low";
      expectedTiers.merge(c.tool() + " " + tier, 1L, Long::sum);
    }

    Path html = dir.resolve("r.html");
    Cli.Result r = Cli.run("report", "--dir", q.toString(), "--out", html.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode data = ReportCommandTest.data(html);
    Map<String, JsonNode> nodes = new HashMap<>();
    Map<String, Long> tiers = new TreeMap<>();
    for (JsonNode n : data.path("graph").path("nodes")) {
      nodes.put(n.path("id").asText(), n);
      if (n.path("kind").asText().equals("call")) {
        // "none" (nothing upstream reported a confidence) is 1.0 for the provenance graph.
        String tier = n.path("tier").asText().replace("none", "high");
        tiers.merge(n.path("tool").asText() + " " + tier, n.path("count").asLong(), Long::sum);
      }
    }
    Map<String, Long> uses = new TreeMap<>();
    for (JsonNode e : data.path("graph").path("edges")) {
      JsonNode from = nodes.get(e.path("from").asText());
      String producer =
          from.path("kind").asText().equals("input") ? "(input)" : from.path("tool").asText();
      String consumer = nodes.get(e.path("to").asText()).path("tool").asText();
      uses.merge(
          producer + " -> " + consumer + " as " + e.path("role").asText(),
          e.path("count").asLong(),
          Long::sum);
    }
    assertTrue(
        expectedUses.containsKey("summarize -> publish as summary"), expectedUses.toString());
    assertTrue(
        expectedUses.containsKey("summarize -> pipeline as (returned)"), expectedUses.toString());
    assertTrue(
        expectedUses.containsKey("summarize -> merge as summaries · element of arg 0"),
        expectedUses.toString());
    assertTrue(
        expectedUses.containsKey("load -> use as row · element of return"),
        expectedUses.toString());
    assertTrue(expectedUses.containsKey("(input) -> mix as parts"), expectedUses.toString());
    assertEquals(expectedUses, uses);
    assertEquals(expectedTiers, tiers);
  }
}
