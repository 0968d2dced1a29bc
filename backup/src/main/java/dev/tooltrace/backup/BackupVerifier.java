/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.backup;

import dev.tooltrace.record.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks every file of a backup against its manifest (size, then SHA-256). */
public final class BackupVerifier {
  private BackupVerifier() {}

  public static VerifyReport verify(Path dest, BackupProgress progress) throws IOException {
    Manifest m = Manifest.read(dest);
    List<String> ok = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> corrupt = new ArrayList<>();
    long total = 0;
    for (ManifestEntry e : m.entries()) {
      total += e.size();
    }
    progress.start(m.entries().size(), total);
    for (ManifestEntry e : m.entries()) {
      Path f = dest.resolve(e.name());
      if (!Files.isRegularFile(f)) {
        missing.add(e.name());
      } else if (Files.size(f) != e.size()) {
        corrupt.add(e.name() + " (size " + Files.size(f) + ", manifest says " + e.size() + ")");
      } else if (!Sha256.of(f).equals(e.sha256())) {
        corrupt.add(e.name() + " (SHA-256 differs from the manifest)");
      } else {
        ok.add(e.name());
      }
      progress.file(e.name(), e.size(), false);
    }
    progress.done();
    return new VerifyReport(ok, missing, corrupt);
  }
}
