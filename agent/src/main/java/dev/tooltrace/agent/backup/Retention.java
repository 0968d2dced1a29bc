/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.backup;

import dev.tooltrace.record.QueueFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Deletes old queue files: those last written more than {@code maxAgeMillis} ago, and the oldest
 * ones while the queue is over {@code maxBytes}. Oldest first, and it stops at the first file it
 * must keep, so the queue never gets holes. A file is kept, whatever its age or the budget, when
 *
 * <ul>
 *   <li>it is the newest cycle file (the writer's);
 *   <li>export is on and the exporter has not committed a position in a LATER cycle (the committed
 *       index is the next document to read: every cycle before its cycle is exported);
 *   <li>backups are on and the backup does not hold the file as it is now.
 * </ul>
 *
 * Chronicle's documented way to expire data is deleting whole cycle files that nobody appends to;
 * the directory listing is refreshed afterwards so readers stop looking for them.
 */
public final class Retention {
  /** Why a file was kept, or null to allow deleting it. */
  public interface Gate {
    String keep(Path file) throws IOException;
  }

  /**
   * Called right before a file is deleted (after every gate let it go): false keeps it. The agent
   * appends the file's gap seal here, so that a deleted file is a documented gap in the chain.
   */
  public interface BeforeDelete {
    boolean ready(Path file);
  }

  private final Path dir;
  private final long maxAgeMillis;
  private final long maxBytes;
  private final List<Gate> gates;
  private final BeforeDelete beforeDelete;
  private volatile String heldBack;

  public Retention(Path dir, long maxAgeMillis, long maxBytes, List<Gate> gates) {
    this(dir, maxAgeMillis, maxBytes, gates, file -> true);
  }

  public Retention(
      Path dir, long maxAgeMillis, long maxBytes, List<Gate> gates, BeforeDelete beforeDelete) {
    this.dir = dir;
    this.maxAgeMillis = maxAgeMillis;
    this.maxBytes = maxBytes;
    this.gates = List.copyOf(gates);
    this.beforeDelete = beforeDelete;
  }

  /** Deletes what may go; returns the deleted files. */
  public List<Path> run(long nowMillis) throws IOException {
    List<Path> files = QueueFiles.dataFiles(dir);
    List<Path> deleted = new ArrayList<>();
    long total = 0;
    for (Path p : files) {
      total += size(p);
    }
    String held = null;
    for (int i = 0; i < files.size() - 1; i++) {
      Path f = files.get(i);
      boolean old =
          maxAgeMillis > 0 && Files.getLastModifiedTime(f).toMillis() < nowMillis - maxAgeMillis;
      boolean over = maxBytes > 0 && total > maxBytes;
      if (!old && !over) {
        break;
      }
      for (Gate g : gates) {
        held = g.keep(f);
        if (held != null) {
          held = f.getFileName() + " kept: " + held;
          break;
        }
      }
      if (held != null) {
        break;
      }
      if (!beforeDelete.ready(f)) {
        held = f.getFileName() + " kept: its gap seal could not be written";
        break;
      }
      long size = size(f);
      Files.deleteIfExists(f);
      total -= size;
      deleted.add(f);
    }
    heldBack = held;
    return deleted;
  }

  /** Why the last run kept a file it would otherwise have deleted, or null. */
  public String heldBack() {
    return heldBack;
  }

  /** Keeps files the exporter has not finished: cycle not before the committed index's cycle. */
  public static Gate exported(SingleChronicleQueue queue, LongSupplier committedIndex) {
    RollingResourcesCache names =
        new RollingResourcesCache(
            queue.rollCycle(),
            queue.epoch(),
            name -> new File(queue.file(), name + QueueFiles.SUFFIX),
            f -> f.getName().substring(0, f.getName().length() - QueueFiles.SUFFIX.length()));
    return file -> {
      long committed = committedIndex.getAsLong();
      if (committed <= 0) {
        return "not exported yet (the exporter has committed nothing)";
      }
      String stem = file.getFileName().toString();
      stem = stem.substring(0, stem.length() - QueueFiles.SUFFIX.length());
      int cycle = names.parseCount(stem);
      return cycle < queue.rollCycle().toCycle(committed) ? null : "not exported yet";
    };
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
