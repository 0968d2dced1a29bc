/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Tracked;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Flat outermost tracked calls from several threads, for the test that kills the JVM with {@code
 * kill -9}: each thread {@code t} calls {@link #call(int, long)} with {@code seq} 0, 1, 2, ... and,
 * after each call returned, stores how many returned in slot {@code t} of a memory-mapped progress
 * file. Stores to a shared mapping are in the page cache at once, so the file tells the test how
 * many calls had finished when the process died, whatever instant the kill hit.
 *
 * <p>Arguments: {@code progressFile threads callsPerThread}; {@code callsPerThread} 0 means until
 * killed. After the burst (a bounded one) it prints {@code idle} and sleeps until killed: the
 * agent's batches are then left to its housekeeper.
 */
public final class KillBurstApp {
  private KillBurstApp() {}

  public static void main(String[] args) throws Exception {
    Path progressFile = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    long calls = Long.parseLong(args[2]);
    MappedByteBuffer progress;
    try (RandomAccessFile f = new RandomAccessFile(progressFile.toFile(), "rw")) {
      progress = f.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, 8L * threads);
    }
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int thread = t;
      workers[t] =
          new Thread(
              () -> {
                long sink = 0;
                for (long seq = 0; calls == 0 || seq < calls; seq++) {
                  sink += call(thread, seq);
                  progress.putLong(thread * 8, seq + 1);
                }
                if (sink == 42) {
                  System.out.println("unlikely");
                }
              },
              "burst-" + t);
      workers[t].start();
    }
    System.out.println("started");
    System.out.flush();
    for (Thread w : workers) {
      w.join();
    }
    System.out.println("idle");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  @Tracked("burst.call")
  static long call(int thread, long seq) {
    return seq * 31 + thread;
  }
}
