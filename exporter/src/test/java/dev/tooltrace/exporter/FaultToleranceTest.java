/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.it.otlp.receiver.OtlpReceiver;
import dev.tooltrace.it.otlp.receiver.OtlpReceiver.Mode;
import io.opentelemetry.api.metrics.MeterProvider;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At-least-once delivery: backend outages (refused, erroring, hanging), lost acknowledgements and
 * exporter restarts lose no span, and duplicate at most one batch.
 */
class FaultToleranceTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  OtlpReceiver receiver;
  final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void receiverDownThenUpWhileAppWritesEverySpanArrives() throws Exception {
    try (TestQueue q = new TestQueue(dir)) {
      q.run();
      q.trees(5);
      receiver.stop();
      try (ExportPipeline p =
          ExportPipeline.start(Receivers.settings(dir, receiver, "grpc", log).build())) {
        // The app keeps writing during the outage.
        for (int i = 0; i < 20; i++) {
          q.trees(2);
          Thread.sleep(20);
        }
        OtlpReceiver.await(WAIT, "the exporter to notice", () -> p.status().failing());
        assertTrue(p.status().lagRecords() > 0);
        receiver.restart();
        q.trees(5);
        Set<String> expected = Set.copyOf(q.spanIds);
        OtlpReceiver.await(WAIT, "every span", () -> receiver.spanIds().containsAll(expected));
        OtlpReceiver.await(WAIT, "caught up", () -> p.status().lagRecords() == 0);
        assertFalse(p.status().failing());
        assertEquals(expected.size(), p.status().exportedCalls());
      }
      assertEquals(Set.copyOf(q.spanIds), receiver.spanIds());
    }
    // One line per state change, not one per attempt.
    assertEquals(
        1, log.stream().filter(l -> l.startsWith("export failing")).count(), log::toString);
    assertEquals(
        1, log.stream().filter(l -> l.startsWith("export recovered")).count(), log::toString);
  }

  @Test
  void erroringAndHangingReceiverOverHttpLosesNothing() throws Exception {
    try (TestQueue q = new TestQueue(dir)) {
      q.run();
      q.trees(10);
      receiver.mode(Mode.UNAVAILABLE);
      try (ExportPipeline p =
          ExportPipeline.start(
              Receivers.settings(dir, receiver, "http/protobuf", log)
                  .otelProperty("otel.exporter.otlp.timeout", "300ms")
                  .build())) {
        OtlpReceiver.await(WAIT, "a few failed attempts", () -> receiver.attempts() >= 3);
        receiver.mode(Mode.HANG);
        int seen = receiver.attempts();
        OtlpReceiver.await(WAIT, "a hung attempt", () -> receiver.attempts() > seen);
        q.trees(10);
        Thread.sleep(500);
        assertTrue(p.status().failing());
        assertTrue(p.status().lastError() != null);
        receiver.mode(Mode.ACCEPT);
        Set<String> expected = Set.copyOf(q.spanIds);
        OtlpReceiver.await(WAIT, "every span", () -> receiver.spanIds().containsAll(expected));
      }
      assertEquals(Set.copyOf(q.spanIds), receiver.spanIds());
    }
    assertEquals(
        1, log.stream().filter(l -> l.startsWith("export failing")).count(), log::toString);
  }

  @Test
  void restartedExporterResumesWithoutLoss() throws Exception {
    try (TestQueue q = new TestQueue(dir)) {
      q.run();
      q.trees(40); // 120 calls, 3 per document
      ExportSettings.Builder s =
          Receivers.settings(dir, receiver, "grpc", log)
              .maxBatchCalls(30)
              .closeTimeout(Duration.ZERO);
      ExportPipeline first = ExportPipeline.start(s.build());
      OtlpReceiver.await(WAIT, "some spans", () -> receiver.spanIds().size() >= 30);
      first.close(); // stops after the batch in hand: a restart, mid-queue
      long committedByFirst = first.status().committedIndex();
      int receivedByFirst = receiver.spans().size();
      assertTrue(receivedByFirst < 120 || committedByFirst != 0);
      q.trees(10);
      try (ExportPipeline second = ExportPipeline.open(s.build())) {
        assertEquals(committedByFirst, second.status().committedIndex());
        assertTrue(second.runUntilDrained(WAIT));
      }
      assertEquals(Set.copyOf(q.spanIds), receiver.spanIds());
      assertEquals(q.spanIds.size(), receiver.spans().size(), "no duplicate without a lost ack");
    }
  }

  @Test
  void lostAcknowledgementDuplicatesAtMostOneBatch() throws Exception {
    int batch = 30;
    try (TestQueue q = new TestQueue(dir)) {
      q.run();
      q.trees(40);
      ExportSettings s =
          Receivers.settings(dir, receiver, "grpc", log)
              .maxBatchCalls(batch)
              .closeTimeout(Duration.ZERO)
              .otelProperty("otel.logs.exporter", "none")
              .build();
      ExportPipeline first = ExportPipeline.open(s);
      assertEquals(batch, first.exportBatches(1));
      // The backend stores the next batch but its answer is lost, then the exporter dies.
      receiver.loseNextAcks(1);
      assertEquals(0, first.exportBatches(1));
      first.abandon();
      try (ExportPipeline second = ExportPipeline.open(s)) {
        assertTrue(second.runUntilDrained(WAIT));
      }
      assertEquals(Set.copyOf(q.spanIds), receiver.spanIds());
      int duplicates = receiver.spans().size() - receiver.spanIds().size();
      assertEquals(batch, duplicates, "exactly the batch whose ack was lost");
      Set<String> seen = new HashSet<>();
      receiver.spans().forEach(sp -> seen.add(sp.spanId()));
      assertEquals(q.spanIds.size(), seen.size());
    }
  }

  @Test
  void outOfMemoryWhileReadingIsRetriedAndLosesNothing() throws Exception {
    // The per-tool metrics are recorded while documents are decoded; a meter whose instruments
    // throw OutOfMemoryError (the application filled the heap) makes reading fail mid-batch.
    AtomicInteger failuresLeft = new AtomicInteger(3);
    MeterProvider failing = failingMeters(MeterProvider.noop(), failuresLeft);
    try (TestQueue q = new TestQueue(dir)) {
      q.run();
      q.trees(40);
      ExportSettings s =
          Receivers.settings(dir, receiver, "grpc", log)
              .maxBatchCalls(30)
              .meterProvider(failing)
              .otelProperty("otel.logs.exporter", "none")
              .build();
      try (ExportPipeline p = ExportPipeline.start(s)) {
        OtlpReceiver.await(WAIT, "every span", () -> receiver.spanIds().size() == q.spanIds.size());
        OtlpReceiver.await(WAIT, "the export to recover", () -> !p.status().failing());
        assertTrue(p.status().lastError().contains("OutOfMemoryError"), p.status().lastError());
      }
      assertEquals(0, failuresLeft.get());
      assertEquals(Set.copyOf(q.spanIds), receiver.spanIds());
      assertTrue(log.stream().anyMatch(l -> l.contains("OutOfMemoryError")), () -> log.toString());
    }
  }

  /** Wraps every metrics API object so that recording a value throws while budget is left. */
  static MeterProvider failingMeters(MeterProvider delegate, AtomicInteger failuresLeft) {
    return wrap(MeterProvider.class, delegate, failuresLeft);
  }

  private static <T> T wrap(Class<T> type, Object delegate, AtomicInteger failuresLeft) {
    InvocationHandler h =
        (proxy, m, args) -> {
          if ((m.getName().equals("add") || m.getName().equals("record"))
              && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new OutOfMemoryError("Java heap space (test)");
          }
          Object r;
          try {
            r = m.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          Class<?> rt = m.getReturnType();
          return r != null && rt.isInterface() && rt.getName().startsWith("io.opentelemetry.api")
              ? wrap(rt, r, failuresLeft)
              : r;
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
  }
}
