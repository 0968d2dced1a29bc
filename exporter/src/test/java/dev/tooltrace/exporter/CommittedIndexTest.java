/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.it.otlp.receiver.OtlpReceiver;
import dev.tooltrace.record.QueueFiles;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed read position lives in the queue: across queue instances, processes, rolls. */
class CommittedIndexTest {
  @TempDir Path dir;

  @Test
  void persistsAcrossProcesses() throws Exception {
    try (TestQueue q = new TestQueue(dir)) {
      q.trees(3);
    }
    // A child JVM commits; this one reads.
    assertEquals("", runChild("set", "123456789").trim());
    try (SingleChronicleQueue queue = QueueFiles.openForReading(dir)) {
      assertEquals(123456789L, new CommittedIndex(queue, "otlp-exporter").get());
      new CommittedIndex(queue, "otlp-exporter").set(987654321L);
      assertEquals(0L, new CommittedIndex(queue, "someone-else").get());
    }
    // This one committed; a child JVM reads.
    assertEquals("987654321", runChild("get", "0").trim());
  }

  @Test
  void resumesAcrossARolledCycleWithoutLossOrDuplicates() throws Exception {
    OtlpReceiver receiver = OtlpReceiver.start();
    List<String> log = new CopyOnWriteArrayList<>();
    try (TestQueue q = new TestQueue(dir, "TEST_SECONDLY", 77)) {
      q.run();
      q.trees(4);
      try (ExportPipeline p =
          ExportPipeline.open(Receivers.settings(dir, receiver, "grpc", log).build())) {
        assertEquals(12, p.drainOnce());
      }
      Thread.sleep(1100); // the next document starts a new cycle (file)
      q.trees(4);
      assertTrue(QueueFiles.dataFiles(dir).size() >= 2, QueueFiles.dataFiles(dir)::toString);
      try (ExportPipeline p =
          ExportPipeline.open(Receivers.settings(dir, receiver, "grpc", log).build())) {
        assertTrue(p.status().lagRecords() >= 4, p.status()::toString);
        assertEquals(12, p.drainOnce());
        assertEquals(0, p.status().lagRecords());
      }
      // Nothing new: a third pipeline exports nothing.
      try (ExportPipeline p =
          ExportPipeline.open(Receivers.settings(dir, receiver, "grpc", log).build())) {
        assertEquals(0, p.drainOnce());
      }
      assertEquals(Set.copyOf(q.spanIds), receiver.spanIds());
      assertEquals(24, receiver.spans().size());
      // Resumed spans still carry their run's resource (RUN document scanned on resume).
      assertTrue(
          receiver.spans().stream()
              .allMatch(s -> "doc-pipeline".equals(s.resourceAttr("service.name"))));
    } finally {
      receiver.close();
    }
  }

  private String runChild(String op, String value) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("--add-exports") || a.startsWith("-D")) {
        cmd.add(a);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CommittedIndexChild.class.getName());
    cmd.add(dir.toString());
    cmd.add(op);
    cmd.add(value);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  /** Runs in a child JVM: sets or prints the committed index of {@code dir}. */
  public static final class CommittedIndexChild {
    public static void main(String[] args) {
      try (SingleChronicleQueue queue = QueueFiles.openForReading(Path.of(args[0]))) {
        CommittedIndex c = new CommittedIndex(queue, "otlp-exporter");
        if (args[1].equals("set")) {
          c.set(Long.parseLong(args[2]));
        } else {
          System.out.print(c.get());
        }
      }
      System.exit(0);
    }
  }
}
