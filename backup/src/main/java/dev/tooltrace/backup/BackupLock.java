/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a backup directory, so that the agent's scheduled backup and a backup from
 * the command line never write the same destination at once. An OS file lock: released when the
 * process dies.
 */
final class BackupLock implements AutoCloseable {
  static final String FILE = ".tooltrace-backup.lock";
  private final FileChannel channel;
  private final FileLock lock;

  private BackupLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static BackupLock acquire(Path dest) throws IOException {
    FileChannel ch =
        FileChannel.open(dest.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      ch.close();
      throw new IOException("another backup into " + dest + " is running");
    }
    return new BackupLock(ch, l);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
