/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import dev.tooltrace.record.Buf;
import dev.tooltrace.record.ChainAppender;
import dev.tooltrace.record.Encoder;
import dev.tooltrace.record.QueueFiles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * What the hash chain costs per document, in isolation: the same documents appended to a Chronicle
 * queue as the agent appends them, plainly and through {@link ChainAppender} (digest before the
 * write lock, link inside), for documents of 200 B (one small call), 2 KiB (a batch of about ten)
 * and 16 KiB, by one thread and by two threads on one queue (each with its own appender, as the
 * agent's application threads). Plain and chained rounds alternate; the median round is printed.
 *
 * <p>Prints one line per case: {@code chain threads bytes plainNs chainedNs deltaNs plainCpuNs
 * chainedCpuNs} (wall and calling-thread CPU nanoseconds per document). Arguments: {@code dir=DIR
 * docs=N rounds=N}.
 */
public final class ChainCostProbe {
  private ChainCostProbe() {}

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    Path dir = Path.of(a.text("dir", "target/chain-probe"));
    int docs = (int) a.number("docs", 200_000);
    int rounds = (int) a.number("rounds", 7);
    for (int threads : new int[] {1, 2}) {
      for (int size : new int[] {200, 2048, 16384}) {
        double[] plain = new double[rounds];
        double[] chained = new double[rounds];
        double[] plainCpu = new double[rounds];
        double[] chainedCpu = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          double[] p =
              run(dir.resolve("p" + threads + "-" + size + "-" + r), size, docs, threads, false);
          double[] c =
              run(dir.resolve("c" + threads + "-" + size + "-" + r), size, docs, threads, true);
          plain[r] = p[0];
          plainCpu[r] = p[1];
          chained[r] = c[0];
          chainedCpu[r] = c[1];
        }
        System.out.printf(
            Locale.ROOT,
            "chain\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f%n",
            threads,
            size,
            median(plain),
            median(chained),
            median(chained) - median(plain),
            median(plainCpu),
            median(chainedCpu));
      }
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  /** Returns {wall ns per document, calling-thread CPU ns per document}, averaged over threads. */
  private static double[] run(Path dir, int size, int docs, int threads, boolean chain)
      throws Exception {
    Files.createDirectories(dir);
    double[] out = new double[2];
    try (SingleChronicleQueue q = QueueFiles.openForWriting(dir, "FAST_HOURLY")) {
      ChainAppender chainer = new ChainAppender(q);
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> ts = new ArrayList<>();
      double[][] results = new double[threads][];
      for (int t = 0; t < threads; t++) {
        int id = t;
        Thread th =
            new Thread(
                () -> {
                  try {
                    go.await();
                    results[id] = append(q, chainer, size, docs, chain);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
        th.start();
        ts.add(th);
      }
      go.countDown();
      for (Thread th : ts) {
        th.join();
      }
      for (double[] r : results) {
        out[0] += r[0] / threads;
        out[1] += r[1] / threads;
      }
    } finally {
      deleteTree(dir);
    }
    return out;
  }

  private static double[] append(
      SingleChronicleQueue q, ChainAppender chainer, int size, int docs, boolean chain) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Buf doc = new Buf(size + 64);
    Encoder.run(doc, 1, 2, 0, 42, "x".repeat(Math.max(1, size - 45)));
    doc.u8At(2, 1); // typed as CALLS: appended like a batch (no anchor), its bytes are opaque here
    ChainAppender.Scratch s = new ChainAppender.Scratch();
    try (ExcerptAppender a = q.createAppender()) {
      for (int i = 0; i < docs / 10; i++) { // warm-up
        one(a, chainer, s, doc, chain);
      }
      long cpu0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (int i = 0; i < docs; i++) {
        one(a, chainer, s, doc, chain);
      }
      long t = System.nanoTime() - t0;
      long cpu = mx.getCurrentThreadCpuTime() - cpu0;
      return new double[] {(double) t / docs, (double) cpu / docs};
    }
  }

  private static void one(
      ExcerptAppender a, ChainAppender chainer, ChainAppender.Scratch s, Buf doc, boolean chain) {
    if (chain) {
      chainer.digest(s, doc.array(), doc.length());
      try (DocumentContext dc = a.writingDocument()) {
        chainer.write(dc, s, doc.array(), doc.length());
      }
    } else {
      try (DocumentContext dc = a.writingDocument()) {
        dc.wire().bytes().write(doc.array(), 0, doc.length());
      }
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
