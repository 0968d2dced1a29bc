/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.queue.rollcycles.SparseRollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;

/**
 * Where and how the queue lives on disk: one place that opens it, for the agent (writer) and every
 * reader, so that roll cycle and layout never disagree.
 */
public final class QueueFiles {
  /** Chronicle's data files. */
  public static final String SUFFIX = ".cq4";

  /** Chronicle's metadata store (tailer positions live there). */
  public static final String METADATA = "metadata.cq4t";

  public static final String DEFAULT_ROLL_CYCLE = "FAST_HOURLY";

  static {
    // Chronicle otherwise tries to reach an analytics host at start.
    System.setProperty("chronicle.analytics.disable", "true");
    System.setProperty("chronicle.announcer.disable", "true");
  }

  private QueueFiles() {}

  /** Resolves a roll-cycle name (any of Chronicle's, case-insensitive). */
  public static RollCycle rollCycle(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT);
    for (Class<? extends Enum<?>> type :
        List.<Class<? extends Enum<?>>>of(
            RollCycles.class,
            TestRollCycles.class,
            LargeRollCycles.class,
            SparseRollCycles.class)) {
      for (Enum<?> e : type.getEnumConstants()) {
        if (e.name().equals(n)) {
          return (RollCycle) e;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown roll cycle '" + name + "' (try FAST_HOURLY, FAST_DAILY, FIVE_MINUTELY)");
  }

  /** Opens (creating if needed) the queue for appending. */
  public static SingleChronicleQueue openForWriting(Path dir, String rollCycle) {
    return SingleChronicleQueueBuilder.single(dir.toFile())
        .rollCycle(rollCycle(rollCycle))
        .blockSize(16L << 20)
        .build();
  }

  /**
   * Opens an existing queue for reading. Throws {@link NotAQueueException} with a message fit for
   * users when {@code dir} does not exist or does not hold a tooltrace queue.
   */
  public static SingleChronicleQueue openForReading(Path dir) {
    requireQueue(dir);
    return SingleChronicleQueueBuilder.single(dir.toFile()).build();
  }

  /**
   * Opens an existing queue read-only: nothing in {@code dir} is created, extended or written (a
   * read-write open extends a file cut short back to its block size). For audits of evidence.
   */
  public static SingleChronicleQueue openReadOnly(Path dir) {
    requireQueue(dir);
    return SingleChronicleQueueBuilder.single(dir.toFile()).readOnly(true).build();
  }

  /** Checks that {@code dir} looks like a queue; throws {@link NotAQueueException} if not. */
  public static void requireQueue(Path dir) {
    if (!Files.exists(dir)) {
      throw new NotAQueueException("queue directory " + dir + " does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw new NotAQueueException(dir + " is not a directory");
    }
    if (dataFiles(dir).isEmpty()) {
      throw new NotAQueueException(
          dir + " is not a tooltrace queue: it holds no *" + SUFFIX + " files");
    }
  }

  /** The queue's data files, oldest first (their names sort by cycle). */
  public static List<Path> dataFiles(Path dir) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      ds.forEach(out::add);
    } catch (IOException e) {
      throw new NotAQueueException("cannot list " + dir + ": " + e.getMessage());
    }
    out.sort(null);
    return out;
  }

  /**
   * The roll cycle a data file of {@code queue} holds, from its name; throws {@link
   * IllegalArgumentException} when the name is not one of the queue's roll cycle.
   */
  public static int cycleOf(SingleChronicleQueue queue, Path file) {
    RollingResourcesCache names = names(queue);
    String stem = file.getFileName().toString();
    if (!stem.endsWith(SUFFIX)) {
      throw new IllegalArgumentException(file + " is not a queue data file");
    }
    return names.parseCount(stem.substring(0, stem.length() - SUFFIX.length()));
  }

  /** The name of the data file of {@code cycle} in {@code queue} ({@code 20261201-10.cq4}). */
  public static String fileName(SingleChronicleQueue queue, int cycle) {
    return names(queue).resourceFor(cycle).text + SUFFIX;
  }

  private static RollingResourcesCache names(SingleChronicleQueue queue) {
    return new RollingResourcesCache(
        queue.rollCycle(),
        queue.epoch(),
        name -> new File(queue.file(), name + SUFFIX),
        f -> f.getName().substring(0, f.getName().length() - SUFFIX.length()));
  }

  /** Thrown when a directory given by a user is not a readable tooltrace queue. */
  public static final class NotAQueueException extends RuntimeException {
    public NotAQueueException(String message) {
      super(message);
    }
  }
}
