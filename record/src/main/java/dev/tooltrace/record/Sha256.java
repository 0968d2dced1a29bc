/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of files, lowercase hex: the one implementation for the run snapshot's class-path hashes
 * (in RUN documents) and the backup manifest. Streamed: cycle files can be gigabytes.
 */
public final class Sha256 {
  private Sha256() {}

  /** A fresh SHA-256 digest (every JVM has one). */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  /** The SHA-256 of {@code file}'s content, 64 lowercase hex chars. */
  public static String of(Path file) throws IOException {
    return of(file, new byte[1 << 16]);
  }

  /**
   * The SHA-256 of {@code file}'s content, read through {@code buf} (reused by callers that hash
   * many files: a fresh 64 KB buffer per file of a class-path directory was most of what a run's
   * snapshot allocated).
   */
  public static String of(Path file, byte[] buf) throws IOException {
    MessageDigest md = digest();
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return Hex.of(md.digest());
  }
}
