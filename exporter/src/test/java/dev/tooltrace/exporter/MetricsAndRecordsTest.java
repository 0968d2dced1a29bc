/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.it.otlp.receiver.OtlpReceiver;
import dev.tooltrace.record.QueueFiles;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metrics without OTLP (export=none), fallback resources and unreadable documents. */
class MetricsAndRecordsTest {
  @TempDir Path dir;
  final List<String> log = new CopyOnWriteArrayList<>();

  @Test
  void metricsOnlyModeFeedsCallerReadersAndCommitsNothing() throws Exception {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (TestQueue q = new TestQueue(dir)) {
      q.run();
      q.trees(2); // before the pipeline starts: not counted (it starts at the end)
      try (ExportPipeline p =
          ExportPipeline.start(
              ExportSettings.builder()
                  .queueDir(dir)
                  .otlp(false)
                  .readEnvironment(false)
                  .metricReader(reader)
                  .pollInterval(Duration.ofMillis(10))
                  .logger(log::add)
                  .build())) {
        q.trees(6); // 6 parse calls, 4 ok + 2 failed classify calls
        OtlpReceiver.await(
            Duration.ofSeconds(20),
            "metrics: " + p.status(),
            () ->
                sum(
                        reader.collectAllMetrics(),
                        "tooltrace.tool.calls",
                        Attributes.of(ToolMetrics.TOOL, "parse", ToolMetrics.OUTCOME, "ok"))
                    == 6);
        Collection<MetricData> m = reader.collectAllMetrics();
        assertEquals(
            2,
            sum(
                m,
                "tooltrace.tool.calls",
                Attributes.of(ToolMetrics.TOOL, "classify", ToolMetrics.OUTCOME, "error")));
        assertEquals(
            2,
            sum(
                m,
                "tooltrace.tool.errors",
                Attributes.of(
                    ToolMetrics.TOOL,
                    "classify",
                    ToolMetrics.ERROR_TYPE,
                    "java.lang.IllegalStateException")));
        assertEquals(
            4,
            sum(
                m,
                "tooltrace.tool.quality",
                Attributes.of(ToolMetrics.TOOL, "classify", ToolMetrics.TIER, "LOW")));
      }
    }
    try (SingleChronicleQueue queue = QueueFiles.openForReading(dir)) {
      assertEquals(0, new CommittedIndex(queue, "otlp-exporter").get());
    }
    assertTrue(log.isEmpty(), log::toString);
  }

  @Test
  void instrumentsGoToACallerOwnedMeterProviderWithConfigurableTiers() throws Exception {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    try (TestQueue q = new TestQueue(dir)) {
      q.run();
      ExportPipeline p =
          ExportPipeline.open(
              ExportSettings.builder()
                  .queueDir(dir)
                  .otlp(false)
                  .readEnvironment(false)
                  .meterProvider(provider)
                  .qualityThresholds(0.95, 0.4)
                  .logger(log::add)
                  .build());
      q.trees(3);
      p.drainOnce();
      p.close();
    }
    Collection<MetricData> m = reader.collectAllMetrics();
    // parse reports 0.93: MEDIUM with high=0.95; classify 0.42: MEDIUM with medium=0.4.
    assertEquals(
        3,
        sum(
            m,
            "tooltrace.tool.quality",
            Attributes.of(ToolMetrics.TOOL, "parse", ToolMetrics.TIER, "MEDIUM")));
    assertEquals(
        2,
        sum(
            m,
            "tooltrace.tool.quality",
            Attributes.of(ToolMetrics.TOOL, "classify", ToolMetrics.TIER, "MEDIUM")));
    provider.close();
  }

  @Test
  void unknownRunGetsFallbackResourceAndCorruptDocumentsAreSkipped() throws Exception {
    OtlpReceiver receiver = OtlpReceiver.start();
    try (TestQueue q = new TestQueue(dir)) {
      q.trees(1); // no RUN document: resuming past it, or an agent that could not write it
      q.raw(new byte[] {1, 2, 3, 4, 5});
      q.trees(1);
      try (ExportPipeline p =
          ExportPipeline.open(Receivers.settings(dir, receiver, "grpc", log).build())) {
        assertTrue(p.runUntilDrained(Duration.ofSeconds(20)));
        assertEquals(1, p.status().corruptDocuments());
        assertEquals(6, p.status().exportedCalls());
      }
      assertEquals(Set.copyOf(q.spanIds), receiver.spanIds());
      for (OtlpReceiver.ReceivedSpan s : receiver.spans()) {
        assertEquals("exporter-test", s.resourceAttr("service.name"));
        assertEquals(q.runId(), s.resourceAttr("tooltrace.run.id"));
        assertEquals("tooltrace", s.resourceAttr("telemetry.distro.name"));
      }
    } finally {
      receiver.close();
    }
    assertEquals(
        1,
        log.stream().filter(l -> l.contains("unreadable queue document")).count(),
        log::toString);
  }

  static long sum(Collection<MetricData> metrics, String name, Attributes attrs) {
    long total = 0;
    for (MetricData m : metrics) {
      if (m.getName().equals(name)) {
        for (LongPointData p : m.getLongSumData().getPoints()) {
          if (p.getAttributes().equals(attrs)) {
            total += p.getValue();
          }
        }
      }
    }
    return total;
  }
}
