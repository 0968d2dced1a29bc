/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a queue directory's data files look like (name, size, modification time of every {@code
 * *.cq4}; not {@code metadata.cq4t}, which every reader that opens the queue writes to), so that a
 * command can tell that a queue gained nothing since the index last read it without opening it:
 * opening a Chronicle queue costs the JVM most of a second of class loading, more than answering
 * the query.
 *
 * <p>The agent appends through memory-mapped files. Linux updates a file's modification time when a
 * clean mapped page is first written, not on later writes to a page already dirty. So before
 * looking, the newest data file is flushed ({@code fsync}, which also cleans the writer's pages):
 * every later append then moves the time. A fingerprint whose newest time is within {@value
 * #SETTLE_MILLIS} ms of when it was taken (a write may share the clock tick) is not {@link
 * #trusted()}: the queue is read as before. A file that cannot be flushed is trusted only when it
 * is not writable (a read-only backup).
 */
record QueueFingerprint(String digest, boolean trusted) {
  static final long SETTLE_MILLIS = 2_000;

  /** Takes the fingerprint of {@code dir}; never throws (an unreadable one is not trusted). */
  static QueueFingerprint of(Path dir) {
    try {
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.cq4")) {
        ds.forEach(files::add);
      }
      files.sort(null);
      boolean trusted = true;
      Path newest = null;
      if (!files.isEmpty()) {
        newest = files.get(files.size() - 1);
      }
      if (newest != null) {
        trusted = flush(newest);
      }
      long takenAt = System.currentTimeMillis();
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      long newestTime = Long.MIN_VALUE;
      for (Path f : files) {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        long mtime = a.lastModifiedTime().toMillis();
        newestTime = Math.max(newestTime, mtime);
        String line =
            f.getFileName() + "\t" + a.size() + "\t" + a.lastModifiedTime().toInstant() + "\n";
        md.update(line.getBytes(StandardCharsets.UTF_8));
      }
      trusted &= newestTime <= takenAt - SETTLE_MILLIS;
      return new QueueFingerprint(HexFormat.of().formatHex(md.digest()), trusted);
    } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
      return new QueueFingerprint(null, false);
    }
  }

  private static boolean flush(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.force(false);
      return true;
    } catch (IOException | RuntimeException e) {
      return !Files.isWritable(file);
    }
  }

  /** Whether this (trusted) fingerprint equals the stored one: the queue gained nothing. */
  boolean unchangedSince(String stored) {
    return trusted && digest != null && digest.equals(stored);
  }

  /** What to store after reading the queue to its end: the digest when it can be trusted. */
  String toStore() {
    return trusted ? digest : null;
  }
}
