/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.backup;

/** Told what a backup or restore is doing, for a progress bar; the default does nothing. */
public interface BackupProgress {
  BackupProgress NONE = new BackupProgress() {};

  /** The work ahead: files to consider and their bytes in the queue. */
  default void start(int files, long bytes) {}

  /** One file considered ({@code copied} false when it was already in the backup). */
  default void file(String name, long bytes, boolean copied) {}

  default void done() {}
}
