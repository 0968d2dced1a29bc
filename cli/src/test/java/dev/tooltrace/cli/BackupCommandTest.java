/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static dev.tooltrace.cli.TestQueue.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.backup.Manifest;
import dev.tooltrace.backup.ManifestEntry;
import dev.tooltrace.cli.TestQueue.V;
import dev.tooltrace.record.QueueFiles;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup, verify and restore in-process, on queues whose cycles roll under a set clock. */
class BackupCommandTest {
  @TempDir Path tmp;

  @Test
  void sealedCyclesAreStoredOnceAndTheWrittenOneAsAConsistentPrefix() throws Exception {
    Path dir = tmp.resolve("q");
    Path dest = tmp.resolve("backup");
    SetTimeProvider clock = new SetTimeProvider(1_764_000_000_000L * 1_000_000L);
    try (SingleChronicleQueue q = secondly(dir, clock)) {
      ExcerptAppender a = q.createAppender();
      for (int cycle = 0; cycle < 3; cycle++) {
        for (int i = 0; i < 5; i++) {
          write(a, cycle * 100 + i);
        }
        clock.advanceMillis(1000);
      }
      write(a, 300);
      List<String> files = names(dir);
      assertEquals(4, files.size(), "one file per cycle: " + files);

      Cli.Result first = Cli.run("backup", "--dir", dir.toString(), "--to", dest.toString());
      assertEquals(0, first.code(), first.err());
      Manifest m = Manifest.read(dest);
      for (int i = 0; i < 3; i++) {
        assertTrue(m.get(files.get(i)).complete(), "sealed by the roll: " + files.get(i));
      }
      assertFalse(m.get(files.get(3)).complete(), "still being written");
      assertTrue(m.get(QueueFiles.METADATA) != null);

      // Nothing new: nothing copied but metadata (only if it changed).
      Cli.Result again = Cli.run("backup", "--dir", dir.toString(), "--to", dest.toString());
      assertEquals(0, again.code(), again.err());
      for (String f : files) {
        assertFalse(again.out().contains("copied " + f), again.out());
      }

      // The open file grows and a new cycle starts: only those two are copied.
      write(a, 301);
      clock.advanceMillis(1000);
      write(a, 400);
      Cli.Result third = Cli.run("backup", "--dir", dir.toString(), "--to", dest.toString());
      assertEquals(0, third.code(), third.err());
      List<String> now = names(dir);
      for (int i = 0; i < 3; i++) {
        assertFalse(third.out().contains("copied " + now.get(i)), third.out());
      }
      assertTrue(third.out().contains("copied " + now.get(3) + "\n"), third.out());
      assertTrue(third.out().contains("copied " + now.get(4) + " (incomplete)"), third.out());
      assertTrue(Manifest.read(dest).get(now.get(3)).complete());
    }

    assertEquals(0, Cli.run("verify", dest.toString()).code());
    Path restored = tmp.resolve("restored");
    Cli.Result r = Cli.run("restore", dest.toString(), "--to", restored.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(values(dir), values(restored));
    assertEquals(
        List.of(0, 1, 2, 3, 4, 100, 101, 102, 103, 104, 200, 201, 202, 203, 204, 300, 301, 400),
        values(restored));
    for (ManifestEntry e : Manifest.read(dest).entries()) {
      assertEquals(
          Files.size(dir.resolve(e.name())),
          Files.size(restored.resolve(e.name())),
          "restored to its original length: " + e.name());
    }
  }

  @Test
  void aFlippedByteIsNamedAndBlocksRestore() throws Exception {
    Path dir = tmp.resolve("q");
    Path dest = tmp.resolve("backup");
    writeCalls(dir);
    assertEquals(0, Cli.run("backup", "--dir", dir.toString(), "--to", dest.toString()).code());
    String cycle = names(dir).get(0);
    try (RandomAccessFile f = new RandomAccessFile(dest.resolve(cycle).toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0x01);
    }
    Cli.Result v = Cli.run("verify", dest.toString());
    assertEquals(1, v.code());
    assertTrue(v.err().contains("corrupt: " + cycle), v.err());
    Files.delete(dest.resolve(QueueFiles.METADATA));
    v = Cli.run("verify", dest.toString());
    assertTrue(v.err().contains("missing: " + QueueFiles.METADATA), v.err());

    Cli.Result r = Cli.run("restore", dest.toString(), "--to", tmp.resolve("r").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("failed verification"), r.err());
    assertFalse(Files.exists(tmp.resolve("r")));
  }

  @Test
  void restoredQueueGivesTheSameStatsAndLineage() throws Exception {
    Path dir = tmp.resolve("q");
    Path dest = tmp.resolve("backup");
    writeCalls(dir);
    assertEquals(0, Cli.run("backup", "--dir", dir.toString(), "--to", dest.toString()).code());
    Path restored = tmp.resolve("restored");
    assertEquals(0, Cli.run("restore", dest.toString(), "--to", restored.toString()).code());
    assertEquals(
        Cli.run("stats", "--dir", dir.toString(), "--json").out(),
        Cli.run("stats", "--dir", restored.toString(), "--json").out());
    Cli.Result lineage = Cli.run("lineage", TestQueue.span(0x2), "--dir", dir.toString(), "--json");
    assertEquals(0, lineage.code(), lineage.err());
    assertEquals(
        lineage.out(),
        Cli.run("lineage", TestQueue.span(0x2), "--dir", restored.toString(), "--json").out());

    Path fresh = tmp.resolve("fresh");
    assertEquals(
        0,
        Cli.run("restore", dest.toString(), "--to", fresh.toString(), "--without-metadata").code());
    assertEquals(
        Cli.run("stats", "--dir", dir.toString(), "--json").out(),
        Cli.run("stats", "--dir", fresh.toString(), "--json").out());
  }

  @Test
  void badInputIsOneLineAndExitTwo() throws Exception {
    Path notQueue = Files.createDirectories(tmp.resolve("empty"));
    Cli.Result b =
        Cli.run("backup", "--dir", notQueue.toString(), "--to", tmp.resolve("b").toString());
    assertEquals(2, b.code(), b.err());
    Cli.Result v = Cli.run("verify", notQueue.toString());
    assertEquals(2, v.code());
    assertTrue(v.err().contains("not a tooltrace backup"), v.err());

    Path dir = tmp.resolve("q");
    Path dest = tmp.resolve("backup");
    writeCalls(dir);
    assertEquals(0, Cli.run("backup", "--dir", dir.toString(), "--to", dest.toString()).code());
    Cli.Result r = Cli.run("restore", dest.toString(), "--to", dir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("not empty"), r.err());
  }

  private static void writeCalls(Path dir) {
    try (TestQueue q = new TestQueue(dir)) {
      q.run(TestQueue.T0);
      q.batch(
          1,
          "main",
          call(0x2, 0x1, "parse", 1, 3).arg("text", V.str("hello world")).returns(V.str("doc")),
          call(0x1, 0, "pipeline", 0, 10).arg("text", V.str("hello world")).returns(V.str("0.75")));
      q.batch(1, "main", call(0x9, 0, "enrich", 20, 4).arg("d", V.str("doc", 0x2)));
    }
  }

  private static SingleChronicleQueue secondly(Path dir, SetTimeProvider clock) {
    return SingleChronicleQueueBuilder.single(dir.toFile())
        .rollCycle(TestRollCycles.TEST_SECONDLY)
        .timeProvider(clock)
        .blockSize(1L << 20)
        .build();
  }

  private static void write(ExcerptAppender a, int value) {
    try (DocumentContext dc = a.writingDocument()) {
      dc.wire().bytes().writeInt(value);
    }
  }

  private static List<Integer> values(Path dir) {
    List<Integer> out = new java.util.ArrayList<>();
    try (SingleChronicleQueue q = SingleChronicleQueueBuilder.single(dir.toFile()).build()) {
      ExcerptTailer t = q.createTailer();
      while (true) {
        try (DocumentContext dc = t.readingDocument()) {
          if (!dc.isPresent()) {
            break;
          }
          out.add(dc.wire().bytes().readInt());
        }
      }
    }
    return out;
  }

  private static List<String> names(Path dir) {
    return QueueFiles.dataFiles(dir).stream().map(p -> p.getFileName().toString()).toList();
  }
}
