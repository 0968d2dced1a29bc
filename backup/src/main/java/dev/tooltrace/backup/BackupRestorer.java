/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.backup;

import dev.tooltrace.record.QueueFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Rebuilds a queue directory from a backup.
 *
 * <p>Chronicle's {@code metadata.cq4t} is restored too, by default: it carries the roll cycle and
 * the exporter's committed position, so a restored agent or {@code export} resumes where the backup
 * left off instead of sending everything again. Because backups copy it before the cycle files,
 * that position never lies beyond the restored data. Without it ({@code withMetadata} false)
 * Chronicle rebuilds the file from the cycle files on first open (roll cycle from their headers)
 * and the exporter starts from the first record. Cycle files are extended back to their original
 * (sparse) length, so Chronicle sees the same file layout as before.
 */
public final class BackupRestorer {
  private BackupRestorer() {}

  /** Restores into {@code dir}, which must not exist or be empty; verify the backup first. */
  public static int restore(Path dest, Path dir, boolean withMetadata, BackupProgress progress)
      throws IOException {
    Manifest m = Manifest.read(dest);
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new IOException(dir + " exists and is not a directory");
      }
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new IOException(
              dir + " is not empty: restore into a new directory, never over a live queue");
        }
      }
    }
    Files.createDirectories(dir);
    long total = 0;
    for (ManifestEntry e : m.entries()) {
      total += e.size();
    }
    progress.start(m.entries().size(), total);
    int restored = 0;
    for (ManifestEntry e : m.entries()) {
      if (!withMetadata && e.name().equals(QueueFiles.METADATA)) {
        continue;
      }
      Path target = dir.resolve(e.name());
      Files.createDirectories(target.getParent());
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      Files.copy(dest.resolve(e.name()), tmp, StandardCopyOption.REPLACE_EXISTING);
      if (e.isCycle() && e.length() > e.size()) {
        try (RandomAccessFile raf = new RandomAccessFile(tmp.toFile(), "rw")) {
          raf.setLength(e.length());
        }
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      restored++;
      progress.file(e.name(), e.size(), true);
    }
    progress.done();
    return restored;
  }
}
