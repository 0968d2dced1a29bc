/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemSamplerTest {
  @TempDir Path queue;

  private static double value(double[] values, String name) {
    return values[List.of(SystemSampler.NAMES).indexOf(name)];
  }

  @Test
  void aSampleHasPlausibleValuesForEveryName() throws Exception {
    Files.write(queue.resolve("20260101.cq4"), new byte[8192]);
    Files.write(queue.resolve("metadata.cq4t"), new byte[100]);
    List<String> log = new ArrayList<>();
    SystemSampler s = new SystemSampler(queue, log::add);
    s.sample();
    double[] v = s.sample();
    assertEquals(SystemSampler.NAMES.length, v.length);
    assertEquals(8192.0, value(v, "queue.size"));
    assertTrue(value(v, "jvm.heap.used") > 0);
    assertTrue(value(v, "jvm.heap.max") >= value(v, "jvm.heap.used"));
    assertTrue(value(v, "queue.disk.free") > 0);
    assertTrue(value(v, "queue.disk.total") >= value(v, "queue.disk.free"));
    // OSHI works on this Linux: these must be real numbers, not NaN.
    assertTrue(value(v, "process.memory.rss") > 1 << 20, log.toString());
    assertTrue(value(v, "system.memory.total") >= value(v, "system.memory.used"));
    double cpu = value(v, "process.cpu.utilization");
    assertTrue(cpu >= 0 && cpu <= 1.0001, "process cpu " + cpu);
    double sys = value(v, "system.cpu.utilization");
    assertTrue(sys >= 0 && sys <= 1.0001, "system cpu " + sys);
    assertTrue(log.isEmpty(), log.toString());
  }

  @Test
  void periodicSamplesReachTheSinkAndASinkFailureIsReportedOnce() throws Exception {
    LinkedBlockingQueue<double[]> got = new LinkedBlockingQueue<>();
    List<String> log = new ArrayList<>();
    int[] calls = {0};
    try (SystemSampler s =
        new SystemSampler(
            queue,
            line -> {
              synchronized (log) {
                log.add(line);
              }
            })) {
      Thread t =
          s.start(
              Duration.ofMillis(100),
              (at, names, values) -> {
                assertSame(SystemSampler.NAMES, names);
                if (calls[0]++ % 2 == 1) {
                  throw new IllegalStateException("queue closed");
                }
                got.add(values);
              });
      assertTrue(t.isDaemon());
      assertEquals("tooltrace-sampler", t.getName());
      for (int i = 0; i < 3; i++) {
        assertFalse(got.poll(30, TimeUnit.SECONDS) == null, "no sample arrived");
      }
    }
    synchronized (log) {
      assertTrue(log.size() >= 1, "failure not reported");
      assertTrue(log.get(0).contains("queue closed"), log.toString());
    }
  }
}
