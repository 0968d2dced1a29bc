/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.it.app.KillBurstApp;
import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Recorded;
import dev.tooltrace.record.CallRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a {@code kill -9} loses now that a thread's outermost calls share one document (issue 16):
 * the agent appends a thread's batch when it holds 1024 calls or 32 KB, or 100 ms after its first
 * call, and its housekeeper appends an idle thread's batch within 50 ms more. So a kill loses at
 * most each thread's open batch — its last calls, at most 1024 — and nothing once the threads have
 * been idle for longer than that (docs/disaster-recovery.md). Never a call in the middle: what a
 * thread recorded is an unbroken prefix of its calls. {@link KillBurstApp} tells the test, through
 * a memory-mapped file that survives the kill, how many calls had returned.
 */
class KillMidBurstTest {
  private static final int THREADS = 2;

  /** Recorder.MAX_BATCH_RECORDS: the most one thread's open batch can hold. */
  private static final long MAX_BATCH_CALLS = 1024;

  @TempDir Path tmp;

  @Test
  void aKillInTheMiddleOfABurstLosesAtMostEachThreadsOpenBatch() throws Exception {
    Path queue = tmp.resolve("queue");
    Path progress = tmp.resolve("progress");
    Process p = start(queue, progress, 0);
    try {
      awaitLine(p, "started");
      // Let the burst run long enough that many batches were appended, then kill it mid-flight.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (minProgress(progress) < 50_000 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      kill(p);
      long[] returned = progress(progress);
      assertRecordedPrefixes(queue, returned, MAX_BATCH_CALLS);
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  @Test
  void aKillAfterTheThreadsWentIdleLosesNothing() throws Exception {
    Path queue = tmp.resolve("queue");
    Path progress = tmp.resolve("progress");
    long calls = 3_000; // not a multiple of the batch size: each thread ends with an open batch
    Process p = start(queue, progress, calls);
    try {
      awaitLine(p, "idle");
      // The bound is 150 ms after a thread's last call; leave a loaded machine's scheduler plenty.
      Thread.sleep(2_000);
      kill(p);
      long[] returned = progress(progress);
      for (long r : returned) {
        assertEquals(calls, r);
      }
      assertRecordedPrefixes(queue, returned, 0);
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  private static Process start(Path queue, Path progress, long callsPerThread) throws Exception {
    return ForkedJvm.of(
            KillBurstApp.class.getName(),
            progress.toString(),
            String.valueOf(THREADS),
            String.valueOf(callsPerThread))
        .agent("dir=" + queue + ",export=none,http.enabled=false,sample.interval=0")
        .start();
  }

  /** kill -9: no shutdown hook runs. */
  private static void kill(Process p) throws Exception {
    new ProcessBuilder("kill", "-9", String.valueOf(p.pid())).inheritIO().start().waitFor();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the JVM did not die");
    assertEquals(137, p.exitValue(), "killed by SIGKILL");
  }

  /**
   * Each thread's recorded calls are exactly seq 0..k-1 (no gap, no duplicate), and at most {@code
   * maxLost} fewer than had returned before the kill.
   */
  private static void assertRecordedPrefixes(Path queue, long[] returned, long maxLost) {
    Recorded r = Recorded.read(queue);
    assertTrue(r.ends.isEmpty(), "a killed JVM writes no RUN_END");
    List<TreeSet<Long>> seqs = new ArrayList<>();
    List<Integer> duplicates = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      seqs.add(new TreeSet<>());
    }
    for (CallRecord c : r.tool("burst.call")) {
      int thread = Integer.parseInt(c.args().get(0).preview());
      long seq = Long.parseLong(c.args().get(1).preview());
      if (!seqs.get(thread).add(seq)) {
        duplicates.add(thread);
      }
    }
    assertTrue(duplicates.isEmpty(), "duplicated calls of threads " + duplicates);
    for (int t = 0; t < THREADS; t++) {
      TreeSet<Long> s = seqs.get(t);
      long recorded = s.size();
      assertTrue(
          recorded == 0 || (s.first() == 0 && s.last() == recorded - 1),
          "thread "
              + t
              + ": recorded calls are not a prefix: "
              + recorded
              + " calls, last seq "
              + (s.isEmpty() ? -1 : s.last()));
      long lost = returned[t] - recorded;
      assertTrue(
          lost >= 0 && lost <= maxLost,
          "thread "
              + t
              + ": "
              + returned[t]
              + " calls returned before the kill, "
              + recorded
              + " recorded: lost "
              + lost
              + ", the bound is "
              + maxLost);
    }
  }

  private static long[] progress(Path file) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
    long[] out = new long[THREADS];
    for (int t = 0; t < THREADS; t++) {
      out[t] = b.remaining() >= (t + 1) * 8 ? b.getLong(t * 8) : 0;
    }
    return out;
  }

  private static long minProgress(Path file) throws Exception {
    if (!Files.exists(file)) {
      return 0;
    }
    long min = Long.MAX_VALUE;
    for (long v : progress(file)) {
      min = Math.min(min, v);
    }
    return min;
  }

  private static void awaitLine(Process p, String line) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String l = out.readLine(); l != null; l = out.readLine()) {
      if (l.equals(line)) {
        return;
      }
    }
    throw new AssertionError("the application ended before printing '" + line + "'");
  }
}
