/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Tracked;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes through queue files that roll every second for the given milliseconds (and records once
 * from a thread that then stays idle), then waits for retention to run once more and prints which
 * deleted queue files this process still maps or holds open (from /proc/self): deleted files whose
 * disk space is not given back.
 */
public final class RollingWriterApp {
  private RollingWriterApp() {}

  public static void main(String[] args) throws Exception {
    long millis = Long.parseLong(args[0]);
    // A thread that records once, early, then stays idle (a pool thread waiting for work).
    Thread idle =
        new Thread(
            () -> {
              record("idle", -1);
              try {
                Thread.sleep(millis + Long.parseLong(args[1]) + 1000);
              } catch (InterruptedException e) {
                // exit
              }
            },
            "idle-writer");
    idle.setDaemon(true);
    idle.start();
    long end = System.nanoTime() + millis * 1_000_000L;
    int calls = 0;
    while (System.nanoTime() < end) {
      record("item-" + calls, calls);
      calls++;
      Thread.sleep(2);
    }
    Thread.sleep(Long.parseLong(args[1]));
    System.out.println("calls=" + calls);
    System.out.println("deleted-but-held=" + deletedQueueFiles());
  }

  @Tracked("rolling.record")
  static String record(String name, int n) {
    return name + ":" + (n * 31);
  }

  static Set<String> deletedQueueFiles() throws IOException {
    Set<String> held = new TreeSet<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
      if (line.endsWith(".cq4 (deleted)")) {
        held.add(Path.of(line.substring(line.indexOf('/'), line.length() - 10)).getFileName() + "");
      }
    }
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.endsWith(".cq4 (deleted)")) {
            held.add(Path.of(target.substring(0, target.length() - 10)).getFileName() + "");
          }
        } catch (IOException gone) {
          // closed meanwhile
        }
      }
    }
    return held;
  }
}
