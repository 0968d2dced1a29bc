/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static dev.tooltrace.cli.TestQueue.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.cli.TestQueue.V;
import dev.tooltrace.record.testing.FixtureCall;
import dev.tooltrace.record.testing.FixtureValue;
import dev.tooltrace.record.testing.QueueFixture;
import dev.tooltrace.record.testing.RunFixture;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input around the index: an index of another format version, a queue restored over the indexed
 * one (longer or shorter), a queue whose oldest files retention deleted. Each is one line naming
 * what happened, a rebuild from the queue, and the answer a full read gives — never a graph mixing
 * what the index held with what the queue holds now.
 */
class IndexBadInputTest {
  @TempDir Path tmp;

  private Cli.Result indexed(Path q, Path index, String... command) {
    List<String> a = new ArrayList<>(List.of(command));
    a.addAll(List.of("--dir", q.toString(), "--index", index.toString()));
    return Cli.run(a.toArray(String[]::new));
  }

  private Cli.Result full(Path q, String... command) {
    List<String> a = new ArrayList<>(List.of(command));
    a.addAll(List.of("--dir", q.toString(), "--no-index"));
    return Cli.run(a.toArray(String[]::new));
  }

  /** Runs {@code command} on the index and checks: exit 0, the full read's answer, {@code line}. */
  private void answersAfterOneLine(Path q, Path index, String line, String... command) {
    Cli.Result r = indexed(q, index, command);
    assertEquals(0, r.code(), r.err());
    assertEquals(full(q, command).out(), r.out(), String.join(" ", command));
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith("tooltrace: ") && lines.get(0).contains(line), r.err());
    Cli.Result again = indexed(q, index, command);
    assertEquals("", again.err(), "rebuilt once, then quiet");
    assertEquals(r.out(), again.out());
  }

  private static Path otherQueue(Path dir, int calls) {
    try (TestQueue q = new TestQueue(dir, 0x77, 0x66)) {
      q.run(TestQueue.T0 + 100 * TestQueue.MS);
      for (int i = 0; i < calls; i++) {
        q.batch(
            3,
            "other",
            call(0x500 + i, 0, "other" + i, 101 + i, 1)
                .arg("x", V.str("input " + i))
                .returns(V.str("output " + i)));
      }
    }
    return dir;
  }

  private static void replace(Path queue, Path with) throws Exception {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(queue)) {
      for (Path f : ds) {
        Files.delete(f);
      }
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(with)) {
      for (Path f : ds) {
        Files.copy(f, queue.resolve(f.getFileName()));
      }
    }
  }

  @Test
  void unreadableDocumentsAreNamedOnEveryCommandAsByAFullRead() throws Exception {
    Path q = tmp.resolve("q");
    try (TestQueue t = new TestQueue(q)) {
      t.run(TestQueue.T0);
      t.batch(1, "main", call(0x10, 0, "a", 0, 1).returns(V.str("x")));
      t.garbage();
      t.batch(1, "main", call(0x11, 0, "b", 2, 1).arg("x", V.str("x")).returns(V.str("y")));
      t.garbage();
    }
    Path index = tmp.resolve("idx");
    Cli.Result fullRead = full(q, "stats", "--json");
    assertEquals(2, fullRead.err().lines().filter(l -> l.contains("skipped unreadable")).count());
    for (int i = 0; i < 2; i++) {
      Cli.Result r = indexed(q, index, "stats", "--json");
      assertEquals(0, r.code(), r.err());
      assertEquals(fullRead.out(), r.out());
      assertEquals(fullRead.err(), r.err(), "the same lines, also once the index is built");
    }

    Path junk = tmp.resolve("junk");
    try (TestQueue t = new TestQueue(junk)) {
      t.garbage();
      t.garbage();
    }
    Cli.Result none = full(junk, "stats");
    Cli.Result noneIndexed = indexed(junk, tmp.resolve("idx-junk"), "stats");
    assertEquals(ExitCodes.NO_DATA, none.code(), none.err());
    assertEquals(none.code(), noneIndexed.code());
    assertEquals(none.err(), noneIndexed.err());
  }

  @Test
  void aDirectoryThatIsNotAQueueIsSkippedWithOneLine() throws Exception {
    Path q = IndexTestQueues.pipeline(tmp.resolve("q"));
    Path notAQueue = Files.createDirectories(tmp.resolve("photos"));
    Files.writeString(notAQueue.resolve("cat.jpg"), "meow");
    Cli.Result alone = Cli.run("stats", "--json", "--dir", q.toString(), "--no-index");
    for (String mode : List.of("--no-index", "--index=" + tmp.resolve("idx"))) {
      Cli.Result r =
          Cli.run("stats", "--json", "--dir", q.toString(), "--dir", notAQueue.toString(), mode);
      assertEquals(0, r.code(), r.err());
      assertEquals(alone.out(), r.out(), mode);
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(r.err().startsWith("tooltrace: skipped: " + notAQueue), r.err());
    }
  }

  @Test
  void anIndexOfAnotherFormatVersionIsRebuilt() throws Exception {
    Path q = IndexTestQueues.pipeline(tmp.resolve("q"));
    Path index = tmp.resolve("idx");
    assertEquals(0, indexed(q, index, "stats").code());
    try (Connection c =
            DriverManager.getConnection("jdbc:duckdb:" + index.resolve("index.duckdb"));
        Statement s = c.createStatement()) {
      s.execute("UPDATE meta SET v = '1' WHERE k = 'format'");
    }
    answersAfterOneLine(
        q, index, "has format version 1, this tooltrace reads", "lineage", TestQueue.span(0x20));
  }

  @Test
  void aQueueRestoredOverTheIndexedOneIsNoticed() throws Exception {
    Path q = IndexTestQueues.pipeline(tmp.resolve("q"));
    Path index = tmp.resolve("idx");
    assertEquals(0, indexed(q, index, "stats", "--json").code());
    // Another queue with more documents than the indexed one: the stored position exists there.
    replace(q, otherQueue(tmp.resolve("other"), 40));
    answersAfterOneLine(q, index, "was replaced", "stats", "--json");
    Cli.Result show = indexed(q, index, "show", "--json");
    assertEquals(full(q, "show", "--json").out(), show.out());
    assertTrue(show.out().contains("\"other39\"") && !show.out().contains("\"publish\""));
  }

  @Test
  void aQueueReplacedByAShorterOneIsNoticed() throws Exception {
    Path q = IndexTestQueues.pipeline(tmp.resolve("q"));
    Path index = tmp.resolve("idx");
    assertEquals(0, indexed(q, index, "stats").code());
    replace(q, otherQueue(tmp.resolve("short"), 1));
    answersAfterOneLine(q, index, "no longer holds the document the index read last", "stats");
  }

  @Test
  void filesRetentionDeletedAreNoticed() throws Exception {
    Path q = tmp.resolve("rolling");
    try (QueueFixture queue = QueueFixture.create(q, "TEST_SECONDLY")) {
      RunFixture run = queue.run(0x42, 0x43).start(TestQueue.T0, "{}");
      run.calls(1, "main", FixtureCall.of("first").span(0x61).returns(FixtureValue.of("one")));
      Thread.sleep(1100); // the next document goes into the next cycle's file
      run.calls(1, "main", FixtureCall.of("second").span(0x62).returns(FixtureValue.of("two")));
    }
    Path index = tmp.resolve("idx");
    assertEquals(0, indexed(q, index, "stats").code());
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(q, "*.cq4")) {
      ds.forEach(files::add);
    }
    files.sort(null);
    assertTrue(files.size() >= 2, files.toString());
    Files.delete(files.get(0));
    answersAfterOneLine(q, index, "no longer holds its oldest documents", "stats");
  }
}
