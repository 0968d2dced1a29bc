/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.backup;

/**
 * The scheduled backup's and retention's state, for {@code /health} and {@code /metrics}.
 *
 * @param backupEnabled whether {@code backup.dir} is set
 * @param lastSuccessEpochMillis when a backup last completed, 0 when never
 * @param lastAttemptEpochMillis when a backup was last attempted, 0 when never
 * @param lastError why the last backup failed, null when it succeeded
 * @param filesCopied files stored by all backups since the agent started
 * @param retentionDeletedFiles queue files deleted by retention since the agent started
 * @param retentionHeldBack why retention kept a file it would otherwise delete (not exported, not
 *     backed up), null when nothing was held back at its last run
 */
public record BackupStatus(
    boolean backupEnabled,
    long lastSuccessEpochMillis,
    long lastAttemptEpochMillis,
    String lastError,
    long filesCopied,
    long retentionDeletedFiles,
    String retentionHeldBack) {

  /** Seconds since the last successful backup, or -1 when there was none. */
  public double ageSeconds(long nowMillis) {
    return lastSuccessEpochMillis == 0 ? -1 : (nowMillis - lastSuccessEpochMillis) / 1000.0;
  }
}
