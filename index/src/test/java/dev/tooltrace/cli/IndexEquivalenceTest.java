/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static dev.tooltrace.cli.TestQueue.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.cli.TestQueue.V;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index answers exactly what reading the queue in full answers: every lineage and impact (JSON,
 * with node order, roles and effective confidences), stats and show, on queues written as the agent
 * writes them — fan-out and fan-in, a diamond, a stage returning its sub-step's value, a producer
 * whose batch is written after its consumer's, identity links, failures, confidences, and a second
 * run that uses a value the first made (a link crossing runs).
 */
class IndexEquivalenceTest {
  @TempDir Path tmp;

  private Path pipeline() {
    Path dir = tmp.resolve("q");
    V doc = V.str("raw document text");
    V parsed = V.str("parsed: raw document text");
    V left = V.str("left half");
    V right = V.str("right half");
    V merged = V.str("left half + right half");
    V score = V.str("score=0.9");
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(1, "main", call(0x10, 0, "load", 0, 1).arg("path", V.str("/in/doc")).returns(doc));
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
          1, "main", call(0x16, 0, "merge", 8, 1).arg("l", left).arg("r", right).returns(merged));
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

  private static String[] args(Path dir, Path index, String... rest) {
    List<String> a = new ArrayList<>(List.of(rest));
    a.add("--dir");
    a.add(dir.toString());
    if (index == null) {
      a.add("--no-index");
    } else {
      a.add("--index");
      a.add(index.toString());
    }
    return a.toArray(String[]::new);
  }

  private void same(Path dir, Path index, String... command) {
    Cli.Result full = Cli.run(args(dir, null, command));
    Cli.Result idx = Cli.run(args(dir, index, command));
    assertEquals(full.code(), idx.code(), String.join(" ", command) + "\n" + idx.err());
    assertTrue(!idx.err().contains("cannot use the index"), idx.err());
    assertEquals(full.out(), idx.out(), String.join(" ", command));
  }

  @Test
  void everyQueryAnswersAsAFullRead() throws Exception {
    Path dir = pipeline();
    Path index = tmp.resolve("index");
    for (long s = 0x10; s <= 0x21; s++) {
      String span = TestQueue.span(s);
      same(dir, index, "lineage", span, "--json");
      same(dir, index, "impact", span, "--json");
      same(dir, index, "lineage", span);
      same(dir, index, "impact", span, "--format", "dot");
      same(dir, index, "show", "--span", span, "--json");
    }
    for (String hash :
        List.of(V.str("left half").hash, V.str("/in/doc").hash, V.str("score=0.9").hash)) {
      same(dir, index, "impact", hash, "--json");
      same(dir, index, "lineage", hash, "--json");
    }
    same(dir, index, "lineage", TestQueue.span(0x20), "--run", "9999", "--json");
    same(dir, index, "lineage", "0000000000000abc");
    same(dir, index, "stats", "--json");
    same(dir, index, "stats", "--run", TestQueue.RUN.substring(0, 6));
    same(dir, index, "show", "--json");
    same(dir, index, "show", "--tool", "score", "--limit", "1");
    same(dir, index, "show", "--limit", "3");
    same(dir, index, "prov", "--run", TestQueue.RUN, "--format", "openlineage");
    same(dir, index, "evidence", "--json");
    same(dir, index, "diff", TestQueue.RUN, "9999");
    assertTrue(Files.exists(index.resolve("index.duckdb")));

    Cli.Result cross = Cli.run(args(dir, index, "lineage", TestQueue.span(0x20), "--json"));
    assertTrue(cross.out().contains("\"out:" + TestQueue.span(0x16) + "\""), cross.out());
  }

  @Test
  void appendsAreIndexedIncrementallyAndABrokenIndexIsRebuilt() throws Exception {
    Path dir = pipeline();
    Path index = tmp.resolve("index");
    same(dir, index, "stats", "--json");
    try (TestQueue q = new TestQueue(dir, 0x99, 0x98)) {
      q.batch(7, "main", call(0x30, 0, "later", 60, 1).arg("v", V.str("r2")).returns(V.str("r4")));
    }
    same(dir, index, "lineage", TestQueue.span(0x30), "--json");
    same(dir, index, "stats", "--json");

    Files.writeString(index.resolve("index.duckdb"), "not a database");
    Cli.Result broken = Cli.run(args(dir, index, "stats", "--json"));
    assertEquals(0, broken.code(), broken.err());
    assertTrue(
        broken.err().contains("is damaged") && broken.err().contains("rebuilding"), broken.err());
    assertEquals(1, broken.err().lines().filter(l -> l.contains("index")).count(), broken.err());
    same(dir, index, "stats", "--json");
  }

  @Test
  void anAppendToAQueueThatWasQuietIsSeen() throws Exception {
    Path dir = pipeline();
    Path index = tmp.resolve("index");
    // Quiet for an hour: the next command trusts the files' fingerprint and stores it.
    try (var files = Files.newDirectoryStream(dir, "*.cq4")) {
      for (Path f : files) {
        Files.setLastModifiedTime(
            f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
      }
    }
    same(dir, index, "stats", "--json");
    same(dir, index, "stats", "--json");
    try (TestQueue q = new TestQueue(dir, 0x99, 0x98)) {
      q.batch(7, "main", call(0x31, 0, "late", 70, 1).arg("v", V.str("r3")).returns(V.str("r5")));
    }
    same(dir, index, "stats", "--json");
    same(dir, index, "lineage", TestQueue.span(0x31), "--json");
    assertTrue(Cli.run(args(dir, index, "show", "--json")).out().contains("\"late\""));
  }

  @Test
  void twoDirectoriesHoldingTheSameRunCountItOnce() throws Exception {
    Path dir = pipeline();
    Path copy = tmp.resolve("backup");
    Files.createDirectories(copy);
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    Path index = tmp.resolve("index2");
    Cli.Result one = Cli.run(args(dir, tmp.resolve("index1"), "stats", "--json"));
    Cli.Result both =
        Cli.run(
            "stats",
            "--json",
            "--dir",
            dir.toString(),
            "--dir",
            copy.toString(),
            "--index",
            index.toString());
    assertEquals(0, both.code(), both.err());
    assertEquals(one.out(), both.out());
    assertTrue(both.err().contains("is in ") && both.err().contains("read once"), both.err());
    Cli.Result full =
        Cli.run("stats", "--json", "--dir", dir.toString(), "--dir", copy.toString(), "--no-index");
    assertEquals(one.out(), full.out());
  }
}
