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
 * run that uses a value the first made (a link crossing runs); and lineage through collections
 * (issue 14: element references of lists, maps, arrays and records; {@link
 * IndexTestQueues#elements}).
 */
class IndexEquivalenceTest {
  @TempDir Path tmp;

  private Path pipeline() {
    return IndexTestQueues.pipeline(tmp.resolve("q"));
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
    if (!full.out().equals(idx.out())) {
      List<String> a = full.out().lines().toList();
      List<String> b = idx.out().lines().toList();
      StringBuilder d = new StringBuilder(String.join(" ", command));
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        String x = i < a.size() ? a.get(i) : "<none>";
        String y = i < b.size() ? b.get(i) : "<none>";
        if (!x.equals(y)) {
          d.append("\nline ").append(i + 1).append("\n full:  ").append(x);
          d.append("\n index: ").append(y);
          break;
        }
      }
      assertEquals(full.out(), idx.out(), d.toString());
    }
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
    same(dir, index, "show");
    same(dir, index, "show", "--tool", "split", "--json");
    same(dir, index, "show", "--tool", "score");
    same(dir, index, "show", "--run", TestQueue.RUN.substring(0, 8), "--json");
    same(dir, index, "show", "--trace", "aaaa000000000001bbbb000000000001", "--json");
    same(
        dir,
        index,
        "show",
        "--since",
        String.valueOf((TestQueue.T0 + 9 * TestQueue.MS) / 1_000_000));
    same(dir, index, "show", "--tool", "nothing-called-so");
    same(dir, index, "show", "--tool", "score", "--limit", "1");
    same(dir, index, "show", "--limit", "3");
    same(dir, index, "prov", "--run", TestQueue.RUN, "--format", "openlineage");
    same(dir, index, "prov", "--run", TestQueue.RUN);
    same(dir, index, "evidence", "--json");
    same(dir, index, "runs", "--json");
    same(dir, index, "runs");
    same(dir, index, "diff", TestQueue.RUN, "9999");
    assertTrue(Files.exists(index.resolve("index.duckdb")));

    Cli.Result stats = Cli.run(args(dir, index, "stats", "--json"));
    assertTrue(stats.out().contains("\"cost\""), "measured costs are in the statistics");
    Cli.Result prov = Cli.run(args(dir, index, "prov", "--run", TestQueue.RUN));
    assertTrue(prov.out().contains("tt:chainHead"), "the run's chain head is in its PROV-JSON");

    Cli.Result cross = Cli.run(args(dir, index, "lineage", TestQueue.span(0x20), "--json"));
    assertTrue(cross.out().contains("\"out:" + TestQueue.span(0x16) + "\""), cross.out());
  }

  private static final long[] ELEMENT_SPANS = {
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x20,
    0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x40, 0x41
  };

  /** Every answer on the element queue, for every span, run and a few values. */
  private void sameOnElements(Path dir, Path index) {
    for (long s : ELEMENT_SPANS) {
      String span = TestQueue.span(s);
      same(dir, index, "lineage", span, "--json");
      same(dir, index, "impact", span, "--json");
      same(dir, index, "lineage", span);
      same(dir, index, "impact", span, "--format", "dot");
      same(dir, index, "lineage", span, "--run", TestQueue.RUN.substring(0, 8), "--json");
    }
    for (String value :
        List.of("document one", "counts of doc b", "shared token", "late element", "m3")) {
      same(dir, index, "impact", V.str(value).hash, "--json");
      same(dir, index, "lineage", V.str(value).hash, "--json");
    }
    same(dir, index, "prov", "--run", TestQueue.RUN, "--format", "openlineage");
    same(dir, index, "prov", "--run", TestQueue.RUN);
    same(dir, index, "prov", "--run", "9999");
    same(dir, index, "evidence", "--json");
    same(dir, index, "stats", "--json");
    same(dir, index, "show", "--json");
    same(dir, index, "diff", TestQueue.RUN, "9999");
  }

  private String lineage(Path dir, Path index, long span) {
    Cli.Result r = Cli.run(args(dir, index, "lineage", TestQueue.span(span), "--json"));
    assertEquals(0, r.code(), r.err());
    return r.out();
  }

  @Test
  void elementShapesAnswerAsAFullRead() throws Exception {
    Path dir = IndexTestQueues.elements(tmp.resolve("q"), true);
    Path index = tmp.resolve("index");
    sameOnElements(dir, index);
    // The answers compared hold element edges (not only whole values that happen to agree).
    String merge = lineage(dir, index, 0x12);
    assertTrue(merge.contains("element of arg 0"), merge);
    assertTrue(merge.contains("\"out:" + TestQueue.span(0x11) + "\""), merge);
    assertTrue(!merge.contains("\"in:"), "the list is explained by its elements: " + merge);
    String fanOut = lineage(dir, index, 0x15);
    assertTrue(fanOut.contains("element of return"), fanOut);
    String probable = lineage(dir, index, 0x1e);
    assertTrue(probable.contains("probable"), probable);
    String gathered = lineage(dir, index, 0x2a);
    assertTrue(gathered.contains("\"out:" + TestQueue.span(0x29) + "\""), gathered);
    String crossing = lineage(dir, index, 0x40);
    assertTrue(crossing.contains("\"out:" + TestQueue.span(0x13) + "\""), crossing);
  }

  @Test
  void elementShapesAnswerAsAFullReadWhenTheCallsTableIsRewritten() throws Exception {
    System.setProperty("tooltrace.index.rewriteRows", "0");
    try {
      sameOnElements(IndexTestQueues.elements(tmp.resolve("q"), true), tmp.resolve("index"));
    } finally {
      System.clearProperty("tooltrace.index.rewriteRows");
    }
  }

  @Test
  void aLateElementProducerRelinksAndExplainsAnIndexedList() throws Exception {
    Path dir = IndexTestQueues.elements(tmp.resolve("q"), false);
    Path index = tmp.resolve("index");
    same(dir, index, "lineage", TestQueue.span(0x2a), "--json");
    assertTrue(lineage(dir, index, 0x2a).contains("\"in:"), "no producer yet: an external input");
    try (TestQueue q = new TestQueue(dir)) {
      IndexTestQueues.lateProducer(q);
    }
    sameOnElements(dir, index);
    String gathered = lineage(dir, index, 0x2a);
    assertTrue(gathered.contains("\"out:" + TestQueue.span(0x29) + "\""), gathered);
    assertTrue(!gathered.contains("\"in:"), "now explained by its element: " + gathered);
  }

  @Test
  void theSameWhenLinkingRewritesTheCallsTable() throws Exception {
    // A first build of millions of calls rewrites the calls table instead of updating it.
    System.setProperty("tooltrace.index.rewriteRows", "0");
    try {
      everyQueryAnswersAsAFullRead();
    } finally {
      System.clearProperty("tooltrace.index.rewriteRows");
    }
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
