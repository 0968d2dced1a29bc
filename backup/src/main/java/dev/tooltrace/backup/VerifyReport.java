/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.backup;

import java.util.List;

/**
 * What {@link BackupVerifier} found.
 *
 * @param checked files whose content matches the manifest
 * @param missing files the manifest names that are not in the backup
 * @param corrupt files whose size or SHA-256 differs from the manifest, with the reason
 */
public record VerifyReport(List<String> checked, List<String> missing, List<String> corrupt) {
  public boolean ok() {
    return missing.isEmpty() && corrupt.isEmpty();
  }
}
