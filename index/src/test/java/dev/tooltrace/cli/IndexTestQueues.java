/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static dev.tooltrace.cli.TestQueue.call;

import dev.tooltrace.cli.TestQueue.V;
import dev.tooltrace.record.ContentHasher;
import dev.tooltrace.record.testing.FixtureElement;
import dev.tooltrace.record.testing.FixtureValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The queue the index tests share, written as the agent writes: fan-out and fan-in, a diamond, a
 * stage returning its sub-step's value, a producer whose batch is written after its consumer's,
 * identity links, failures, confidences, measured costs, and a second run that uses a value the
 * first made (a link crossing runs). Spans 0x10–0x19 are run {@link TestQueue#RUN}, 0x20–0x21 the
 * second run.
 */
final class IndexTestQueues {
  private IndexTestQueues() {}

  static Path pipeline(Path dir) {
    V doc = V.str("raw document text");
    V parsed = V.str("parsed: raw document text");
    V left = V.str("left half");
    V right = V.str("right half");
    V merged = V.str("left half + right half");
    V score = V.str("score=0.9");
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(
          1,
          "main",
          call(0x10, 0, "load", 0, 1)
              .cost(900_000, 800_000, 4096, 2048)
              .arg("path", V.str("/in/doc"))
              .returns(doc));
      // A producer on thread 2 whose batch is written after the consumer's (late producer).
      q.batch(
          1,
          "main",
          call(0x12, 0, "split", 5, 1).arg("p", parsed).returns(left),
          call(0x13, 0, "other", 7, 1).arg("p", parsed).returns(right));
      q.batch(2, "worker", call(0x11, 0, "parse", 2, 2).arg("doc", doc).returns(parsed));
      q.batch(
          1,
          "main",
          call(0x15, 0x14, "score", 10, 1).confidence(0.9).arg("m", merged).returns(score),
          call(0x14, 0, "stage", 9, 4).arg("l", left).arg("r", right).returns(score));
      q.batch(
          1,
          "main",
          call(0x16, 0, "merge", 8, 1)
              .cost(500_000, 500_000, 1 << 20, 1 << 20)
              .arg("l", left)
              .arg("r", right)
              .returns(merged));
      q.batch(
          1,
          "main",
          call(0x17, 0, "publish", 20, 1)
              .arg("s", score)
              .arg("again", score)
              .fails("java.io.IOException", "disk"));
      q.batch(
          1,
          "main",
          call(0x18, 0, "count", 22, 1).arg("n", V.boxedInt(3, 0)).returns(V.str("3 items")));
      q.batch(
          1, "main", call(0x19, 0, "id", 24, 1).arg("x", V.str("same", 0x18)).returns(V.str("ok")));
      q.runEnd(TestQueue.T0 + 30 * TestQueue.MS);
      TestQueue q2 = new TestQueue(q, 0x99, 0x98);
      q2.run(TestQueue.T0 + 40 * TestQueue.MS);
      q2.batch(7, "main", call(0x20, 0, "consume", 45, 1).arg("v", merged).returns(V.str("r2")));
      q2.batch(
          7, "main", call(0x21, 0, "reuse", 47, 1).arg("v", V.str("/in/doc")).returns(V.str("r3")));
    }
    return dir;
  }

  /** A string long enough that the agent's sampled hash of it is partial. */
  static final String BIG = "p".repeat(100_000);

  /**
   * Lineage through collections (issue 14), as the agent writes element references: fan-in through
   * a list (one element by identity, one by content), fan-out from a returned list (by identity and
   * by content), a map (keys and values), an array, a record holding a list, the same element in
   * two lists of one call, a mutated list, sampled hashes (probable links), a stage returning its
   * sub-steps' outputs, a list of lists, a list the agent did not walk to the end, a list holding
   * data no producer explains, a whole output and an element output of the same end time, and a
   * producer whose batch is written after its consumer's (left out when {@code lateProducer} is
   * false, to be appended later). Spans 0x10–0x2a are run {@link TestQueue#RUN}; 0x40–0x41 a second
   * run: a list linked as a whole across runs, one whose elements only another run made.
   */
  static Path elements(Path dir, boolean lateProducer) {
    FixtureValue docs =
        FixtureValue.of(List.of("document one", "document two"))
            .withElements(FixtureElement.of("document one"), FixtureElement.of("document two"));
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      // Fan-in: one count by identity, the other a copy.
      q.batch(
          1,
          "main",
          call(0x10, 0, "count", 0, 1).returns(V.str("counts of doc a", 0)),
          call(0x11, 0, "count", 2, 1).returns(V.str("counts of doc b")),
          call(0x12, 0, "merge", 4, 1)
              .arg(
                  "counts",
                  v(
                      FixtureValue.of(List.of("counts of doc a", "counts of doc b"))
                          .withElements(
                              FixtureElement.producedBy(0x10),
                              FixtureElement.of("counts of doc b"))))
              .returns(V.str("merged counts")));
      // Fan-out: a returned list, one element by identity, the other by content.
      q.batch(
          1,
          "main",
          call(0x13, 0, "load", 6, 1).returns(v(docs)),
          call(0x14, 0, "summarize", 8, 1)
              .arg("doc", v(FixtureValue.ofString("document one").producedAsElementOf(0x13)))
              .returns(V.str("summary one")),
          call(0x15, 0, "summarize", 10, 1)
              .arg("doc", V.str("document two"))
              .returns(V.str("summary two")));
      // A map (keys and values: the key is data from outside), an array, the same element in two
      // lists of one call, a record holding a list.
      q.batch(
          1,
          "main",
          call(0x16, 0, "index", 12, 1)
              .arg(
                  "byName",
                  v(
                      FixtureValue.of(Map.of("key one", "document one"))
                          .withElements(
                              FixtureElement.of("key one"), FixtureElement.of("document one"))))
              .returns(V.str("indexed")),
          call(0x17, 0, "join", 14, 1)
              .arg(
                  "parts",
                  v(
                      FixtureValue.of(new String[] {"summary one", "summary two"})
                          .withElements(
                              FixtureElement.producedBy(0x14), FixtureElement.of("summary two"))))
              .returns(V.str("joined")),
          call(0x18, 0, "tok", 16, 1).returns(V.str("shared token")),
          call(0x19, 0, "pair", 18, 1)
              .arg(
                  "first",
                  v(
                      FixtureValue.of(List.of("shared token", "document one"))
                          .withElements(
                              FixtureElement.producedBy(0x18), FixtureElement.of("document one"))))
              .arg(
                  "second",
                  v(
                      FixtureValue.of(List.of("shared token"))
                          .withElements(FixtureElement.of("shared token"))))
              .returns(V.str("pair")),
          call(0x1a, 0, "batchOf", 20, 1)
              .arg(
                  "batch",
                  v(
                      FixtureValue.object(
                              "example.Batch",
                              new ContentHasher().putString("Batch[summary one, joined]").finish(),
                              1,
                              "Batch[items=[summary one, joined]]")
                          .withElements(
                              FixtureElement.container(),
                              FixtureElement.producedBy(0x14).at(1),
                              FixtureElement.of("joined").at(1))))
              .returns(V.str("batched")));
      // A list the consumer changed after its producer returned it: the list by identity, the
      // elements by identity as elements of that output, the added one unlinked.
      q.batch(
          1,
          "main",
          call(0x1b, 0, "make", 22, 1)
              .returns(
                  v(
                      FixtureValue.of(List.of("m1", "m2"))
                          .withElements(FixtureElement.of("m1"), FixtureElement.of("m2")))),
          call(0x1c, 0, "use", 24, 1)
              .arg(
                  "xs",
                  v(
                      FixtureValue.of(List.of("m1", "m2", "m3"))
                          .producedBy(0x1b)
                          .withElements(
                              FixtureElement.producedAsElementOf(0x1b),
                              FixtureElement.producedAsElementOf(0x1b),
                              FixtureElement.of("m3"))))
              .returns(V.str("used")));
      // Sampled hashes: an element and a whole value, linked as probable.
      q.batch(
          1,
          "main",
          call(0x1d, 0, "makeBig", 26, 1).returns(v(FixtureValue.sampledOf(BIG))),
          call(0x1e, 0, "scanAll", 28, 1)
              .arg(
                  "texts",
                  v(FixtureValue.of(List.of(BIG)).withElements(FixtureElement.sampledOf(BIG))))
              .arg("text", v(FixtureValue.sampledOf(BIG)))
              .returns(V.str("scanned")));
      // A stage returning the outputs of its sub-steps; a report taking that list on.
      q.batch(
          1,
          "main",
          call(0x21, 0x20, "step", 31, 1).returns(V.str("result one", 0)),
          call(0x22, 0x20, "step", 33, 1).returns(V.str("result two", 0)),
          call(0x20, 0, "stage", 30, 5)
              .returns(
                  v(
                      FixtureValue.of(List.of("result one", "result two"))
                          .withElements(
                              FixtureElement.of("result one").withProducer(0x21, false),
                              FixtureElement.of("result two")))),
          call(0x23, 0, "report", 36, 1)
              .arg(
                  "results",
                  v(
                      FixtureValue.of(List.of("result one", "result two"))
                          .producedBy(0x20)
                          .withElements(
                              FixtureElement.producedBy(0x21), FixtureElement.producedBy(0x22))))
              .returns(V.str("reported")));
      // A list of lists explained by its inner elements; one cut short; one holding a number.
      q.batch(
          1,
          "main",
          call(0x24, 0, "mergeAll", 38, 1)
              .arg(
                  "batches",
                  v(
                      FixtureValue.of(List.of(List.of("counts of doc a", "counts of doc b")))
                          .withElements(
                              FixtureElement.container(),
                              FixtureElement.producedBy(0x10).at(1),
                              FixtureElement.of("counts of doc b").at(1))))
              .returns(V.str("all merged")),
          call(0x25, 0, "mergeSome", 40, 1)
              .arg(
                  "parts",
                  v(
                      FixtureValue.of(List.of("counts of doc a"))
                          .withElements(FixtureElement.producedBy(0x10))
                          .elementsTruncated(5)))
              .arg(
                  "mixed",
                  v(
                      FixtureValue.of(List.of("counts of doc b", 7))
                          .withElements(
                              FixtureElement.of("counts of doc b"), FixtureElement.unlinkable())))
              .returns(V.str("some merged")));
      // A whole output and an element output ending at the same time: the whole one wins.
      q.batch(
          1,
          "main",
          call(0x27, 0, "clean", 43, 1).returns(V.str("tie text")),
          call(0x26, 0, "loadAll", 42, 2)
              .returns(
                  v(
                      FixtureValue.of(List.of("tie text"))
                          .withElements(FixtureElement.of("tie text")))),
          call(0x28, 0, "useTie", 46, 1).arg("d", V.str("tie text")).returns(V.str("tie used")));
      // A consumer whose producer (another thread) is written later.
      q.batch(
          1,
          "main",
          call(0x2a, 0, "gather", 50, 1)
              .arg(
                  "xs",
                  v(
                      FixtureValue.of(List.of("late element"))
                          .withElements(FixtureElement.of("late element"))))
              .returns(V.str("gathered")));
      if (lateProducer) {
        lateProducer(q);
      }
      q.runEnd(TestQueue.T0 + 55 * TestQueue.MS);
      TestQueue q2 = new TestQueue(q, 0x99, 0x98);
      q2.run(TestQueue.T0 + 60 * TestQueue.MS);
      q2.batch(
          7,
          "main",
          call(0x40, 0, "consume", 61, 1).arg("docs", v(docs)).returns(V.str("consumed")),
          call(0x41, 0, "consume", 63, 1)
              .arg(
                  "xs",
                  v(
                      FixtureValue.of(List.of("counts of doc a"))
                          .withElements(FixtureElement.of("counts of doc a"))))
              .returns(V.str("consumed again")));
    }
    return dir;
  }

  /** The producer {@link #elements} leaves out when asked to: appended to its run. */
  static void lateProducer(TestQueue q) {
    q.batch(2, "worker", call(0x29, 0, "fetch", 48, 1).returns(V.str("late element")));
  }

  private static V v(FixtureValue f) {
    return new V(f);
  }
}
