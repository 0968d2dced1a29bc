/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.backup;

/**
 * One file of a backup.
 *
 * @param name path relative to the queue directory, with {@code /} separators
 * @param kind {@code cycle} for a Chronicle data file, {@code metadata} for anything else
 * @param size bytes stored in the backup (for a cycle file: up to its data end)
 * @param sha256 lower-case hex SHA-256 of the stored bytes
 * @param length the file's length in the queue (cycle files are pre-allocated and sparse; restore
 *     extends the stored bytes back to it)
 * @param complete false for a cycle file still being written when it was copied: its stored bytes
 *     are a consistent prefix, and the next backup refreshes it if it grew
 */
public record ManifestEntry(
    String name, String kind, long size, String sha256, long length, boolean complete) {
  public static final String CYCLE = "cycle";
  public static final String METADATA = "metadata";

  public boolean isCycle() {
    return CYCLE.equals(kind);
  }
}
