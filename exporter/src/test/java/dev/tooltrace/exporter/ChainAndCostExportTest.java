/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.it.otlp.receiver.OtlpReceiver;
import dev.tooltrace.it.otlp.receiver.OtlpReceiver.ReceivedSpan;
import dev.tooltrace.record.ChainLink;
import dev.tooltrace.record.QueueReader;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunRecord;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the exporter sends of the hash chain (the run's anchor and head on its resource, each span's
 * chain position) and of measured costs (span attributes, the per-tool CPU and allocation
 * histograms), checked against the queue's own links.
 */
class ChainAndCostExportTest {
  @TempDir Path dir;
  OtlpReceiver receiver;
  final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void spansCarryTheirRunsChainAndTheirCost() {
    String measured;
    try (TestQueue q = new TestQueue(dir)) {
      q.run();
      q.trees(2);
      measured = q.measured(3_000_000, 4096);
      q.measured(1_000_000, 1024);
    }
    String[] anchor = new String[1];
    Map<Long, String> links = new HashMap<>();
    try (QueueReader r = QueueReader.open(dir)) {
      r.readAll(
          new RecordVisitor() {
            long runIndex = -1;

            @Override
            public void onRun(RunRecord run) {
              runIndex = run.queueIndex();
            }

            @Override
            public void onChainLink(long queueIndex, String runId, ChainLink link) {
              links.put(link.seq(), link.linkHex());
              if (queueIndex == runIndex) {
                anchor[0] = link.linkHex();
              }
            }
          });
    }
    try (ExportPipeline p =
        ExportPipeline.open(Receivers.settings(dir, receiver, "http/protobuf", log).build())) {
      assertTrue(p.runUntilDrained(Duration.ofSeconds(20)), "drained: " + p.status());
      p.flushMetrics();
    }
    List<ReceivedSpan> spans = receiver.spans();
    assertEquals(8, spans.size());
    for (ReceivedSpan s : spans) {
      assertEquals(anchor[0], s.resourceAttr("tooltrace.chain.anchor"));
      long headSeq = (Long) s.resourceAttr("tooltrace.chain.head.seq");
      assertEquals(links.get(headSeq), s.resourceAttr("tooltrace.chain.head"));
      long seq = (Long) s.attr("tooltrace.chain.seq");
      assertTrue(seq >= 1 && seq <= 4, "the CALLS documents are seq 1..4: " + seq);
      assertTrue(seq <= headSeq, "the head as the request was built: at or after the span");
    }
    ReceivedSpan m = spans.stream().filter(s -> s.spanId().equals(measured)).findFirst().get();
    assertEquals(3_000_000L, m.attr("tooltrace.cost.cpu_nanos"));
    assertEquals(1_500_000L, m.attr("tooltrace.cost.self_cpu_nanos"));
    assertEquals(4096L, m.attr("tooltrace.cost.allocated_bytes"));
    assertEquals(2048L, m.attr("tooltrace.cost.self_allocated_bytes"));
    ReceivedSpan pipeline =
        spans.stream().filter(s -> s.name().equals("pipeline")).findFirst().get();
    assertEquals(null, pipeline.attr("tooltrace.cost.cpu_nanos"), "not measured: no attribute");

    HistogramDataPoint cpu = point("tooltrace.tool.cpu");
    assertEquals(2, cpu.getCount(), "only the measured calls");
    assertEquals(0.004, cpu.getSum(), 1e-12);
    assertEquals("s", receiver.lastMetric("tooltrace.tool.cpu").getUnit());
    HistogramDataPoint alloc = point("tooltrace.tool.allocated");
    assertEquals(5120.0, alloc.getSum(), 1e-9);
    assertEquals("By", receiver.lastMetric("tooltrace.tool.allocated").getUnit());
  }

  private HistogramDataPoint point(String name) {
    Metric m = receiver.lastMetric(name);
    assertNotNull(m, name);
    for (HistogramDataPoint p : m.getHistogram().getDataPointsList()) {
      if ("parse".equals(OtlpReceiver.attr(p.getAttributesList(), "tool"))) {
        return p;
      }
    }
    throw new AssertionError("no parse point in " + m);
  }
}
