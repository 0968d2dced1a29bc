/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.backup.BackupProgress;
import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr, redrawn with a carriage return; only when a person watches
 * ({@code System.console() != null}), so scripts and logs get no control characters.
 */
final class TerminalProgress implements BackupProgress {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final String verb;
  private int files;
  private long bytes;
  private int doneFiles;
  private long doneBytes;

  private TerminalProgress(PrintWriter err, String verb) {
    this.err = err;
    this.verb = verb;
  }

  /** A bar on a terminal, nothing otherwise. */
  static BackupProgress forConsole(PrintWriter err, String verb) {
    return System.console() != null ? new TerminalProgress(err, verb) : BackupProgress.NONE;
  }

  @Override
  public void start(int files, long bytes) {
    this.files = files;
    this.bytes = bytes;
    draw("");
  }

  @Override
  public void file(String name, long size, boolean copied) {
    doneFiles++;
    doneBytes += size;
    draw(name);
  }

  @Override
  public void done() {
    err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
    err.flush();
  }

  private void draw(String name) {
    double f =
        bytes > 0
            ? Math.min(1, (double) doneBytes / bytes)
            : files > 0 ? (double) doneFiles / files : 1;
    int filled = (int) Math.round(f * WIDTH);
    String n = name.length() > 28 ? "…" + name.substring(name.length() - 27) : name;
    err.print(
        String.format(
            "\r%s [%s%s] %3d%% %d/%d files %-28s",
            verb,
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            Math.round(f * 100),
            doneFiles,
            files,
            n));
    err.flush();
  }
}
