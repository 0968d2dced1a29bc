/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.backup;

import dev.tooltrace.record.QueueFiles;
import dev.tooltrace.record.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Incremental backup of a queue directory, safe while the agent writes it; the CLI's {@code backup}
 * and the agent's scheduled backup both run this.
 *
 * <p>Order matters: metadata files (Chronicle's {@code metadata.cq4t}, which holds the exporter's
 * committed position) are copied FIRST, the cycle files after. The committed position then only
 * ever names documents that the copied cycle files contain, so a restored exporter never skips a
 * document (it may resend some: export is at-least-once anyway).
 *
 * <p>A cycle file is stored once it is sealed (see {@link CycleFileCopier}); until then it is
 * stored as a consistent prefix marked incomplete and refreshed by later backups only when it grew.
 * Metadata files are stored again whenever their SHA-256 changes. Files deleted from the queue
 * (retention) stay in the backup. Every file is written aside and moved into place, and the
 * manifest is written last, so an interrupted backup leaves the previous one intact.
 */
public final class QueueBackup {
  private QueueBackup() {}

  public static BackupResult run(Path dir, Path dest, BackupProgress progress) throws IOException {
    QueueFiles.requireQueue(dir);
    Path src = dir.toAbsolutePath().normalize();
    Files.createDirectories(dest);
    try (BackupLock lock = BackupLock.acquire(dest)) {
      Manifest manifest = Manifest.readOrEmpty(dest);
      List<Path> metadata = metadataFiles(src);
      List<Path> cycles = QueueFiles.dataFiles(src);
      long total = 0;
      for (Path p : metadata) {
        total += sizeOrZero(p);
      }
      for (Path p : cycles) {
        total += sizeOrZero(p);
      }
      progress.start(metadata.size() + cycles.size(), total);
      List<String> copied = new ArrayList<>();
      List<String> unchanged = new ArrayList<>();
      List<String> incomplete = new ArrayList<>();
      long bytes = 0;
      for (Path p : metadata) {
        String name = nameOf(src, p);
        Path tmp = tmpFor(dest, name);
        Files.createDirectories(tmp.getParent());
        Files.copy(p, tmp, StandardCopyOption.REPLACE_EXISTING);
        String sha = Sha256.of(tmp);
        ManifestEntry old = manifest.get(name);
        boolean same = old != null && old.sha256().equals(sha) && Files.exists(dest.resolve(name));
        if (same) {
          Files.delete(tmp);
          unchanged.add(name);
        } else {
          long size = Files.size(tmp);
          Files.move(tmp, dest.resolve(name), StandardCopyOption.REPLACE_EXISTING);
          manifest.put(new ManifestEntry(name, ManifestEntry.METADATA, size, sha, size, true));
          copied.add(name);
          bytes += size;
        }
        progress.file(name, sizeOrZero(p), !same);
      }
      for (Path p : cycles) {
        String name = nameOf(src, p);
        ManifestEntry old = manifest.get(name);
        if (old != null && Files.exists(dest.resolve(name)) && unchangedSince(old, p)) {
          unchanged.add(name);
          progress.file(name, sizeOrZero(p), false);
          continue;
        }
        long length;
        CycleScan scan;
        Path tmp = tmpFor(dest, name);
        try {
          length = Files.size(p);
          scan = CycleFileCopier.copy(p, tmp);
        } catch (java.nio.file.NoSuchFileException gone) {
          // Deleted by retention between listing and copying: it was backed up before.
          Files.deleteIfExists(tmp);
          continue;
        }
        String sha = Sha256.of(tmp);
        Files.move(tmp, dest.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        manifest.put(
            new ManifestEntry(
                name, ManifestEntry.CYCLE, scan.dataEnd(), sha, length, scan.sealed()));
        copied.add(name);
        if (!scan.sealed()) {
          incomplete.add(name);
        }
        bytes += scan.dataEnd();
        progress.file(name, length, true);
      }
      manifest.write(dest, src, System.currentTimeMillis());
      progress.done();
      return new BackupResult(copied, unchanged, incomplete, bytes);
    }
  }

  /**
   * Whether the backup's copy of a cycle file is still all there is: the copy is complete, or
   * nothing was appended after the copied prefix (the header at its end is still zero).
   */
  static boolean unchangedSince(ManifestEntry stored, Path source) throws IOException {
    if (stored.complete()) {
      return true;
    }
    try {
      return CycleFileCopier.headerNow(source, stored.size()) == 0;
    } catch (java.nio.file.NoSuchFileException gone) {
      return true;
    }
  }

  /**
   * Whether {@code backupDir} holds the queue file {@code source} as it is now: the check the
   * agent's retention makes before deleting a file.
   */
  public static boolean covers(Path backupDir, Path source) throws IOException {
    Manifest m = Manifest.readOrEmpty(backupDir);
    ManifestEntry e = m.get(source.getFileName().toString());
    return e != null && Files.exists(backupDir.resolve(e.name())) && unchangedSince(e, source);
  }

  /** Every regular file of the queue directory that is not a cycle file, recursively. */
  static List<Path> metadataFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(QueueFiles.SUFFIX))
          .filter(p -> !isReserved(p.getFileName().toString()))
          .sorted()
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static boolean isReserved(String fileName) {
    return fileName.equals(Manifest.JSON)
        || fileName.equals(Manifest.SHA256SUMS)
        || fileName.equals(BackupLock.FILE)
        || fileName.endsWith(".tmp");
  }

  static String nameOf(Path root, Path file) {
    return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  private static Path tmpFor(Path dest, String name) {
    return dest.resolve(name + ".tmp");
  }

  private static long sizeOrZero(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
