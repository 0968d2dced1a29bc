/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Tracked;

/**
 * A long-running writer for the backup tests: calls a tracked tool every few milliseconds for the
 * given number of milliseconds (so queue files roll under a secondly roll cycle while a backup
 * runs), then prints how many calls it made. With a second argument, a file path, it goes on after
 * that time until the file exists (at most two minutes more), so a test can wait for an event (the
 * first scheduled backup, say) however slow the machine, without a fixed pause.
 */
public final class BackupWriterApp {
  private BackupWriterApp() {}

  public static void main(String[] args) throws Exception {
    long millis = Long.parseLong(args[0]);
    long end = System.nanoTime() + millis * 1_000_000L;
    java.nio.file.Path stop = args.length > 1 ? java.nio.file.Path.of(args[1]) : null;
    long cap = end + 120_000_000_000L;
    int calls = 0;
    System.out.println("started");
    System.out.flush();
    while (System.nanoTime() < end
        || (stop != null && !java.nio.file.Files.exists(stop) && System.nanoTime() < cap)) {
      record("item-" + calls, calls);
      calls++;
      Thread.sleep(2);
    }
    System.out.println("calls=" + calls);
  }

  @Tracked("backup.record")
  static String record(String name, int n) {
    return name + ":" + (n * 31);
  }
}
