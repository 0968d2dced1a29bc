/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tooltrace.it.harness.Paths;
import dev.tooltrace.record.RecordFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes flipped inside two documents of a queue file after the run: {@code show} and {@code stats}
 * name each unreadable document (file and index) in one line and still read every other document.
 */
class CorruptQueueTest {
  private static final int ROOT_CALLS = 300;
  @TempDir Path tmp;

  @Test
  void cliNamesCorruptDocumentsAndReadsTheRest() throws Exception {
    Path dir = tmp.resolve("q");
    // One document per root call (batch.max.age=0), so that each corrupted document loses one.
    FaultRun.compare(
        "dir=" + dir + ",export=none,http.enabled=false,batch.max.age=0", "work", "3", "0");
    Path cq4;
    try (Stream<Path> s = Files.list(dir)) {
      cq4 = s.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
    }
    List<Long> docs = callsDocuments(cq4);
    assertTrue(docs.size() >= ROOT_CALLS, "one CALLS document per root call: " + docs.size());
    try (FileChannel ch = FileChannel.open(cq4, StandardOpenOption.WRITE)) {
      // An unknown format version in the 10th document; in the 20th, garbage from the thread
      // name's length (after magic, version, type, run id and thread id) into the first call.
      ch.write(ByteBuffer.wrap(new byte[] {0x7f}), docs.get(10) + 1);
      byte[] junk = new byte[24];
      java.util.Arrays.fill(junk, (byte) 0xFF);
      ch.write(ByteBuffer.wrap(junk), docs.get(20) + 28); // thread name, count and first length
    }

    Cli stats = Cli.run("stats", "--dir", dir.toString(), "--json");
    assertEquals(0, stats.exit, stats.err);
    List<String> skipped = stats.lines("skipped unreadable document");
    assertEquals(2, skipped.size(), stats.err);
    for (String l : skipped) {
      assertTrue(
          l.contains("in queue file " + cq4.toAbsolutePath().normalize())
              || l.contains("in queue file " + cq4),
          l);
      assertTrue(l.matches(".*at index 0x[0-9a-f]+ .*"), l);
    }
    JsonNode json = new ObjectMapper().readTree(stats.out);
    for (JsonNode t : json.get("tools")) {
      assertEquals(ROOT_CALLS - 2, t.get("calls").asLong(), t.toString());
    }

    Cli show = Cli.run("show", "--dir", dir.toString());
    assertEquals(0, show.exit, show.err);
    assertEquals(2, show.lines("skipped unreadable document").size(), show.err);
    assertEquals(ROOT_CALLS - 2, show.out.lines().filter(l -> l.contains("FaultApp.step")).count());
  }

  /** File offsets of the CALLS documents (their tooltrace header follows Chronicle's 4 bytes). */
  private static List<Long> callsDocuments(Path cq4) throws Exception {
    byte[] all = Files.readAllBytes(cq4);
    ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    List<Long> out = new ArrayList<>();
    for (int i = 4; i + 3 < all.length; i++) {
      if (all[i] == RecordFormat.MAGIC
          && all[i + 1] == RecordFormat.VERSION
          && all[i + 2] == RecordFormat.DOC_CALLS) {
        int len = bb.getInt(i - 4) & 0x3FFFFFFF;
        if (len > 32 && len < 1 << 20) {
          out.add((long) i);
          i += len - 1;
        }
      }
    }
    return out;
  }

  /** {@code java -jar tooltrace-agent.jar ARGS}. */
  record Cli(int exit, String out, String err) {
    static Cli run(String... args) throws Exception {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  Paths.agentJar().toString()));
      cmd.addAll(List.of(args));
      Path out = Files.createTempFile("cli-out", ".txt");
      Path err = Files.createTempFile("cli-err", ".txt");
      try {
        Process p =
            new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor();
          throw new AssertionError("CLI did not finish: " + cmd);
        }
        return new Cli(p.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    }

    List<String> lines(String text) {
      return err.lines().filter(l -> l.contains(text)).toList();
    }
  }
}
