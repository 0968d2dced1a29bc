/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.agent.telemetry.ToolStatsProducer;
import dev.tooltrace.record.AuditReport;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.ChainAuditor;
import dev.tooltrace.record.QueueFiles;
import dev.tooltrace.record.QueueReader;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.ToolBlock;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.resources.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder's batches (issue 16), against a real queue: outermost calls share a document until
 * it is full or old, an idle thread's batch is appended by the housekeeper's round, everything at
 * exit; {@code batch.max.age=0} gives a document per outermost call; each batch is one link of the
 * queue's hash chain; the per-tool metrics are counted on the calling thread.
 */
class RecorderBatchingTest {
  @TempDir Path dir;
  private QueueWriter writer;
  private Recorder recorder;
  private int tool;

  @BeforeEach
  void open() {
    writer = new QueueWriter(dir, "FAST_HOURLY", 0, 0);
    assertTrue(writer.open());
    writer.check();
    writer.ready();
    recorder = new Recorder(writer, 1, 2, 64, 1 << 20);
    tool = ToolRegistry.reserveId();
    ToolBlock block =
        new ToolBlock(
            tool,
            "batching.step",
            "",
            "dev.example.Steps",
            "step",
            "(I)I",
            List.of("i"),
            List.of("int"),
            "int");
    ToolRegistry.register(new ToolInfo(block, new boolean[1], false, false, 0));
  }

  @AfterEach
  void close() {
    writer.close();
  }

  private void call(int i) {
    Object f = recorder.enter(tool);
    recorder.begin(f);
    recorder.argI(f, i);
    recorder.exitI(f, i * 2);
  }

  private void failingCall(int i) {
    Object f = recorder.enter(tool);
    recorder.begin(f);
    recorder.argI(f, i);
    recorder.exitThrown(f, new IllegalArgumentException("bad " + i));
  }

  /** Calls per document, in queue order. */
  private List<Integer> documents() {
    Map<Long, Integer> byDocument = new TreeMap<>();
    if (QueueFiles.dataFiles(dir).isEmpty()) {
      return List.of(); // nothing appended yet
    }
    try (QueueReader r = QueueReader.open(dir)) {
      r.readAll(
          new RecordVisitor() {
            @Override
            public void onCall(CallRecord call) {
              byDocument.merge(call.queueIndex(), 1, Integer::sum);
            }
          });
    }
    return new ArrayList<>(byDocument.values());
  }

  @Test
  void outermostCallsShareADocumentUntilTheHousekeeperFindsItOld() throws Exception {
    for (int i = 0; i < 10; i++) {
      call(i);
    }
    assertEquals(List.of(), documents(), "a young batch stays with its thread");
    assertEquals(0, recorder.flushIdle(), "not old yet");
    Thread.sleep(Recorder.MAX_BATCH_AGE_NANOS / 1_000_000 + 20);
    assertEquals(10, recorder.flushIdle());
    assertEquals(List.of(10), documents());
  }

  @Test
  void fullBatchesAreAppendedByTheirThread() {
    int n = 3 * Recorder.MAX_BATCH_RECORDS;
    for (int i = 0; i < n; i++) {
      call(i);
    }
    List<Integer> full = documents();
    assertTrue(full.size() >= 2, "the thread appended its full batches itself: " + full);
    int size = full.get(0);
    assertTrue(size > 1 && size <= Recorder.MAX_BATCH_RECORDS, "calls per batch: " + size);
    for (int docCalls : full) {
      assertEquals(size, docCalls, "every full batch alike (32 KB or 1024 calls): " + full);
    }
    long rest = recorder.flushAll(0);
    assertEquals(n, full.size() * size + rest, "the rest at exit");
    assertEquals(full.size() + (rest > 0 ? 1 : 0), documents().size());
  }

  @Test
  void aCallOlderThanTheBatchAgeAppendsTheBatchWhenItEnds() throws Exception {
    call(1);
    Thread.sleep(Recorder.MAX_BATCH_AGE_NANOS / 1_000_000 + 20);
    call(2);
    assertEquals(List.of(2), documents());
  }

  @Test
  void batchMaxAgeZeroAppendsEachOutermostCall() {
    recorder.batchMaxAge(Duration.ZERO);
    for (int i = 0; i < 3; i++) {
      call(i);
    }
    assertEquals(List.of(1, 1, 1), documents());
  }

  @Test
  void flushAllAppendsEveryThreadsBatch() throws Exception {
    Thread other = new Thread(() -> call(100), "other");
    other.start();
    other.join();
    call(1);
    assertEquals(2, recorder.flushAll(0));
    assertEquals(List.of(1, 1), documents());
    assertEquals(0, recorder.flushAll(0), "nothing twice");
  }

  @Test
  void everyBatchIsOneLinkOfTheHashChainWhoeverAppendsIt() throws Exception {
    int n = 2 * Recorder.MAX_BATCH_RECORDS + 5; // full batches appended by this thread
    for (int i = 0; i < n; i++) {
      call(i);
    }
    Thread other = new Thread(() -> call(100), "other"); // an ended thread's batch
    other.start();
    other.join();
    recorder.flushIdle(); // appended by the housekeeper
    recorder.flushAll(0); // this thread's rest, as at exit
    int batches = documents().size();
    assertTrue(batches >= 4, "full batches, the other thread's, the rest: " + batches);
    writer.close();

    AuditReport audit = ChainAuditor.audit(dir, null);
    assertEquals(List.of(), audit.breaks());
    assertEquals(batches, audit.documents(), "one link per batch document");
    assertEquals(batches - 1, audit.headSeq());
  }

  @Test
  void perToolMetricsAreCountedOnTheCallingThread() throws Exception {
    for (int i = 0; i < 7; i++) {
      call(i);
    }
    failingCall(7);
    failingCall(8);
    Thread other = new Thread(() -> call(100), "other");
    other.start();
    other.join();
    recorder.flushIdle(); // retires the ended thread: its counts must stay

    ToolStatsProducer producer = new ToolStatsProducer(recorder::toolStats, 0, "test");
    Map<String, Long> calls = new TreeMap<>();
    long errors = 0;
    long histogramCount = 0;
    for (MetricData m : producer.produce(Resource.empty())) {
      switch (m.getName()) {
        case "tooltrace.tool.calls":
          for (LongPointData p : m.getLongSumData().getPoints()) {
            calls.put(
                p.getAttributes().get(AttributeKey.stringKey("tool"))
                    + "/"
                    + p.getAttributes().get(AttributeKey.stringKey("outcome")),
                p.getValue());
          }
          break;
        case "tooltrace.tool.errors":
          for (LongPointData p : m.getLongSumData().getPoints()) {
            errors += p.getValue();
            assertTrue(p.getAttributes().toString().contains("IllegalArgumentException"));
          }
          break;
        case "tooltrace.tool.duration":
          for (HistogramPointData p : m.getHistogramData().getPoints()) {
            histogramCount += p.getCount();
          }
          break;
        default:
      }
    }
    assertEquals(Map.of("batching.step/error", 2L, "batching.step/ok", 8L), calls);
    assertEquals(2, errors);
    assertEquals(10, histogramCount);
  }
}
