/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.agent.telemetry.ToolStatsProducer;
import dev.tooltrace.exporter.MetricNames;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.QueueReader;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.ToolBlock;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.resources.Resource;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture.cost}: a tool that allocates a known amount and one that burns a known amount of
 * thread CPU are reported within stated tolerances, nested calls add up exactly (a parent's total
 * is its own "self" plus its measured children's totals), and a tool not selected records nothing.
 * The per-tool histograms the recorder keeps on the calling thread ({@code tooltrace.tool.cpu},
 * {@code .allocated}) count the same figures as the records.
 *
 * <p>Tolerances: allocation within [N, N + 64 KiB] (the JDK's counter moves by whole TLAB-refill
 * steps only when reading it across a refill; the agent allocates nothing between begin and exit);
 * CPU at least the burnt amount and at most 20 ms more (thread CPU time does not grow while the
 * thread waits for a core, so a loaded machine does not inflate it).
 */
class CostCaptureTest {
  static final long MIB = 1 << 20;
  static final long ALLOC_TOLERANCE = 64 * 1024;
  static final long CPU_TOLERANCE_NANOS = 20_000_000;

  @TempDir Path dir;
  private QueueWriter writer;
  private Recorder rec;
  static volatile Object sink;

  private static int tool(String name, boolean cost) {
    int id = ToolRegistry.reserveId();
    ToolBlock block =
        new ToolBlock(id, name, name, "ex.Tools", name, "()V", List.of(), List.of(), "void");
    ToolRegistry.register(
        new ToolInfo(block, new boolean[0], false, false, 0, new boolean[0], cost));
    return id;
  }

  @BeforeEach
  void open() {
    writer = new QueueWriter(dir, "FAST_HOURLY", 0, 0);
    assertTrue(writer.open());
    writer.check();
    writer.ready();
    rec = new Recorder(writer, 1, 2, 16, 1 << 20);
  }

  @AfterEach
  void close() {
    writer.close();
  }

  private Map<String, CallRecord> calls() {
    rec.flushAll(0); // the thread's batch (young: the housekeeper would append it later)
    writer.close();
    Map<String, CallRecord> out = new HashMap<>();
    try (QueueReader r = QueueReader.open(dir)) {
      r.readAll(
          new RecordVisitor() {
            @Override
            public void onCall(CallRecord c) {
              out.put(c.tool(), c);
            }
          });
    }
    return out;
  }

  static void allocate(long bytes) {
    List<byte[]> keep = new ArrayList<>();
    for (long done = 0; done < bytes; done += 64 * 1024) {
      keep.add(new byte[64 * 1024 - 16]); // 64 KiB with the array header
    }
    sink = keep;
  }

  static void burn(long cpuNanos) {
    var bean = ManagementFactory.getThreadMXBean();
    long start = bean.getCurrentThreadCpuTime();
    long x = 0;
    while (bean.getCurrentThreadCpuTime() - start < cpuNanos) {
      for (int i = 0; i < 10_000; i++) {
        x += i * 31L ^ x;
      }
    }
    sink = x;
  }

  @Test
  void aKnownAllocationAndAKnownCpuBurnAreReportedWithinTolerance() {
    int alloc = tool("alloc", true);
    int cpu = tool("cpu", true);
    Object f = rec.enter(alloc);
    rec.begin(f);
    allocate(8 * MIB);
    rec.exitV(f);
    Object g = rec.enter(cpu);
    rec.begin(g);
    burn(50_000_000);
    rec.exitV(g);

    Map<String, CallRecord> calls = calls();
    CallRecord a = calls.get("alloc");
    assertTrue(a.hasCost());
    assertTrue(
        a.allocatedBytes() >= 8 * MIB && a.allocatedBytes() <= 8 * MIB + 2 * ALLOC_TOLERANCE,
        "allocated " + a.allocatedBytes());
    assertEquals(a.allocatedBytes(), a.selfAllocatedBytes(), "no nested calls: self is total");
    CallRecord c = calls.get("cpu");
    assertTrue(
        c.cpuNanos() >= 50_000_000 && c.cpuNanos() <= 50_000_000 + CPU_TOLERANCE_NANOS,
        "cpu " + c.cpuNanos());
    assertTrue(c.allocatedBytes() < ALLOC_TOLERANCE, "burning allocates nothing: " + c);

    Map<String, HistogramPointData> cpuHist = histograms(MetricNames.TOOL_CPU);
    Map<String, HistogramPointData> allocHist = histograms(MetricNames.TOOL_ALLOCATED);
    assertEquals(1, cpuHist.get("cpu").getCount());
    assertEquals(c.cpuNanos() / 1e9, cpuHist.get("cpu").getSum(), 1e-9);
    assertEquals(1, allocHist.get("alloc").getCount());
    assertEquals(a.allocatedBytes(), allocHist.get("alloc").getSum(), 0.5);
    assertEquals(1, allocHist.get("cpu").getCount());
  }

  /** The recorder's per-tool histogram {@code name}, by tool, as a metric reader collects it. */
  private Map<String, HistogramPointData> histograms(String name) {
    Map<String, HistogramPointData> out = new HashMap<>();
    for (MetricData m :
        new ToolStatsProducer(rec::toolStats, 0, "test").produce(Resource.empty())) {
      if (m.getName().equals(name)) {
        for (HistogramPointData p : m.getHistogramData().getPoints()) {
          out.put(p.getAttributes().get(AttributeKey.stringKey("tool")), p);
        }
      }
    }
    return out;
  }

  @Test
  void nestedCallsAddUpAndUnselectedToolsRecordNothing() {
    int parent = tool("parent", true);
    int childAlloc = tool("child-alloc", true);
    int childCpu = tool("child-cpu", true);
    int plain = tool("plain", false);
    // The last of three rounds is checked: the first runs the agent's exit path for nested calls
    // for the first time (class loading), which is the parent's own cost then.
    for (int round = 0; round < 3; round++) {
      Object p = rec.enter(parent);
      rec.begin(p);
      allocate(MIB);
      Object c1 = rec.enter(childAlloc);
      rec.begin(c1);
      allocate(4 * MIB);
      rec.exitV(c1);
      Object c2 = rec.enter(childCpu);
      rec.begin(c2);
      burn(20_000_000);
      rec.exitV(c2);
      Object u = rec.enter(plain);
      rec.begin(u);
      allocate(MIB);
      rec.exitV(u);
      rec.exitV(p);
    }

    Map<String, CallRecord> calls = calls();
    CallRecord pr = calls.get("parent");
    CallRecord a = calls.get("child-alloc");
    CallRecord b = calls.get("child-cpu");
    assertEquals(pr.cpuNanos(), pr.selfCpuNanos() + a.cpuNanos() + b.cpuNanos());
    assertEquals(
        pr.allocatedBytes(), pr.selfAllocatedBytes() + a.allocatedBytes() + b.allocatedBytes());
    assertTrue(pr.cpuNanos() >= b.cpuNanos() + a.cpuNanos());
    assertTrue(pr.selfCpuNanos() < CPU_TOLERANCE_NANOS, "the parent burns nothing itself: " + pr);
    assertTrue(a.allocatedBytes() >= 4 * MIB, "child " + a.allocatedBytes());
    assertTrue(
        pr.selfAllocatedBytes() >= 2 * MIB
            && pr.selfAllocatedBytes() <= 2 * MIB + 4 * ALLOC_TOLERANCE,
        "the parent's own 1 MiB plus the unmeasured child's 1 MiB (and the agent's recording of"
            + " the nested calls): "
            + pr.selfAllocatedBytes());
    assertFalse(calls.get("plain").hasCost());
    assertFalse(histograms(MetricNames.TOOL_CPU).containsKey("plain"), "no cost: no histogram");
    assertEquals(3, histograms(MetricNames.TOOL_ALLOCATED).get("parent").getCount());
  }
}
