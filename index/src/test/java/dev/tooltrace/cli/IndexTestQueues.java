/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static dev.tooltrace.cli.TestQueue.call;

import dev.tooltrace.cli.TestQueue.V;
import java.nio.file.Path;

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
}
