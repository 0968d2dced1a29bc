/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.exporter.FlakyReceiver.Answer;
import dev.tooltrace.exporter.FlakyReceiver.Kept;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.DocumentReader;
import dev.tooltrace.record.RecordVisitor;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At-least-once with several requests in flight: answers that fail, time out, get lost or come back
 * out of order lose no span, commits never pass a batch the backend has not accepted, and a killed
 * exporter re-sends at most its window of batches.
 */
class WindowDeliveryTest {
  static final int WINDOW = 4;
  static final int BATCH = 30; // 10 documents of 3 calls: every batch holds exactly 30 calls

  @TempDir Path dir;
  final List<String> log = new CopyOnWriteArrayList<>();

  private ExportSettings.Builder settings(FlakyReceiver r) {
    return ExportSettings.builder()
        .queueDir(dir)
        .readEnvironment(false)
        .otelProperty("otel.exporter.otlp.protocol", "http/protobuf")
        .otelProperty("otel.exporter.otlp.endpoint", r.endpoint())
        .otelProperty("otel.exporter.otlp.timeout", "500ms")
        .otelProperty("otel.metrics.exporter", "none")
        .otelProperty("otel.logs.exporter", "none")
        .maxInFlight(WINDOW)
        .maxBatchCalls(BATCH)
        .initialBackoff(Duration.ofMillis(20))
        .maxBackoff(Duration.ofMillis(200))
        .pollInterval(Duration.ofMillis(10))
        .logger(log::add);
  }

  @Test
  void refusedTimedOutAndUnacknowledgedRequestsInTheWindowLoseNothing() throws Exception {
    Set<Integer> refuse = Set.of(2, 11, 12);
    Set<Integer> loseAck = Set.of(3, 14);
    Set<Integer> hang = Set.of(5, 20);
    List<String> written;
    try (TestQueue q = new TestQueue(dir)) {
      q.run();
      written = q.trees(200); // 600 calls, 20 batches
    }
    try (FlakyReceiver r =
        new FlakyReceiver(
            n ->
                refuse.contains(n)
                    ? Answer.REFUSE
                    : loseAck.contains(n)
                        ? Answer.LOSE_ACK
                        : hang.contains(n) ? Answer.HANG : n % 3 == 0 ? Answer.SLOW : Answer.OK,
            2000,
            60)) {
      try (ExportPipeline p = ExportPipeline.open(settings(r).build())) {
        assertTrue(p.runUntilDrained(Duration.ofSeconds(60)), () -> "drained: " + p.status());
        assertEquals(written.size(), p.status().exportedCalls());
        assertEquals(0, p.status().lagRecords());
      }
      assertEquals(Set.copyOf(written), r.distinctSpanIds(), "every span arrived");
      int unacknowledged =
          r.kept().stream().filter(k -> !k.acknowledged()).mapToInt(k -> k.spanIds().size()).sum();
      assertEquals(2 * BATCH, unacknowledged, "the two lost acknowledgements were kept");
      int duplicates = r.spanIds().size() - written.size();
      assertEquals(unacknowledged, duplicates, "exactly the batches whose answer was lost");
      assertTrue(r.requests() >= 20 + refuse.size() + loseAck.size() + hang.size());
    }
    assertTrue(log.stream().anyMatch(l -> l.startsWith("export failing")), log::toString);
    assertTrue(log.stream().anyMatch(l -> l.startsWith("export recovered")), log::toString);
  }

  @Test
  void outOfOrderAnswersNeverLetTheCommitPassAnUnansweredBatch() throws Exception {
    Map<String, Long> documentOf = new HashMap<>();
    List<String> written;
    try (TestQueue q = new TestQueue(dir)) {
      q.run();
      written = q.trees(150); // 450 calls, 15 batches
      documentOf.putAll(documentIndexes(q.queue));
    }
    // Every fourth request is slow: the three after it, sent with it, are answered first.
    try (FlakyReceiver r = new FlakyReceiver(n -> n % 4 == 1 ? Answer.SLOW : Answer.OK, 0, 300)) {
      List<long[]> commits = new CopyOnWriteArrayList<>();
      AtomicBoolean watching = new AtomicBoolean(true);
      try (ExportPipeline p = ExportPipeline.start(settings(r).build())) {
        Thread watcher =
            new Thread(
                () -> {
                  long seen = 0;
                  while (watching.get()) {
                    long c = p.status().committedIndex();
                    if (c != seen) {
                      commits.add(new long[] {System.nanoTime(), c});
                      seen = c;
                    }
                    Thread.onSpinWait();
                  }
                });
        watcher.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (r.distinctSpanIds().size() < written.size() || p.status().lagRecords() > 0) {
          assertTrue(System.nanoTime() < deadline, () -> "drain: " + p.status());
          Thread.sleep(10);
        }
        watching.set(false);
        watcher.join();
      }
      List<Kept> kept = r.kept();
      boolean outOfOrder = false;
      for (Kept a : kept) {
        for (Kept b : kept) {
          outOfOrder |= a.request() < b.request() && a.answeredNanos() > b.answeredNanos();
        }
      }
      assertTrue(outOfOrder, "answers came back out of order");
      assertTrue(commits.size() >= 3, "several commits observed: " + commits.size());
      Map<String, Long> answered = new HashMap<>();
      kept.forEach(
          k -> k.spanIds().forEach(id -> answered.merge(id, k.answeredNanos(), Math::min)));
      for (long[] c : commits) {
        for (Map.Entry<String, Long> e : documentOf.entrySet()) {
          if (e.getValue() < c[1]) {
            Long when = answered.get(e.getKey());
            assertTrue(
                when != null && when < c[0],
                "span "
                    + e.getKey()
                    + " was committed (index 0x"
                    + Long.toHexString(c[1])
                    + ") before the backend answered for it");
          }
        }
      }
      assertEquals(Set.copyOf(written), r.distinctSpanIds());
      assertEquals(written.size(), r.spanIds().size(), "no duplicate without a lost answer");
    }
  }

  @Test
  void anExporterKilledMidDrainResendsAtMostItsWindow() throws Exception {
    List<String> written;
    try (TestQueue q = new TestQueue(dir)) {
      q.run();
      written = q.trees(300); // 900 calls, 30 batches
    }
    AtomicBoolean slow = new AtomicBoolean(true);
    try (FlakyReceiver r = new FlakyReceiver(n -> slow.get() ? Answer.SLOW : Answer.OK, 0, 150)) {
      Process exporter = fork(r.endpoint());
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (r.kept().size() < 6) {
          assertTrue(exporter.isAlive(), "the exporter is still draining");
          assertTrue(System.nanoTime() < deadline, "the forked exporter sends");
          Thread.sleep(5);
        }
      } finally {
        exporter.destroyForcibly(); // SIGKILL: no close, no last commit
        exporter.waitFor(30, TimeUnit.SECONDS);
      }
      int beforeRestart = r.spanIds().size();
      assertTrue(beforeRestart < written.size(), "killed mid-drain");
      slow.set(false);
      try (ExportPipeline second = ExportPipeline.open(settings(r).build())) {
        assertTrue(second.runUntilDrained(Duration.ofSeconds(60)));
      }
      assertEquals(Set.copyOf(written), r.distinctSpanIds(), "every span arrived");
      int duplicates = r.spanIds().size() - written.size();
      assertTrue(
          duplicates <= WINDOW * BATCH,
          duplicates + " duplicates, more than the window of " + WINDOW + " batches of " + BATCH);
      Map<String, Integer> times = new HashMap<>();
      r.spanIds().forEach(id -> times.merge(id, 1, Integer::sum));
      assertTrue(times.values().stream().allMatch(n -> n <= 2), "no span sent three times");
    }
  }

  private Process fork(String endpoint) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-") || a.startsWith("-Dchronicle")) {
        cmd.add(a);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ExportMain.class.getName());
    cmd.add(dir.toString());
    cmd.add(endpoint);
    cmd.add(Integer.toString(WINDOW));
    cmd.add(Integer.toString(BATCH));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolveSibling(dir.getFileName() + "-exporter.log").toFile())
        .start();
  }

  /** Span id to the queue index of the document holding it. */
  private static Map<String, Long> documentIndexes(SingleChronicleQueue queue) {
    Map<String, Long> out = new HashMap<>();
    DocumentReader reader =
        new DocumentReader(
            new RecordVisitor() {
              @Override
              public void onCall(CallRecord c) {
                out.put(c.spanId(), c.queueIndex());
              }
            });
    try (ExcerptTailer t = queue.createTailer()) {
      while (reader.next(t)) {
        // every document
      }
    }
    return out;
  }
}
