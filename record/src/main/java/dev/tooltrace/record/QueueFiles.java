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
import net.openhft.posix.PosixAPI;

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
    // Chronicle loads jnr-ffi (and extracts a native library) for its POSIX calls, which a queue
    // uses only for msync (a SyncMode other than the default NONE, or pre-touching): without them
    // opening a queue costs a good part less CPU, in the agent's start-up and every CLI command.
    try {
      PosixAPI.useNoOpPosixApi();
    } catch (LinkageError e) {
      // A Chronicle without the switch: it loads its POSIX API as before.
    }
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
   * Lets a queue be opened after the JVM began shutting down (the agent opens its queue off the
   * premain thread, and a short job may end first; its records still belong in the queue).
   * Chronicle registers one JVM shutdown hook of its own ({@code PriorityHook}) the first time a
   * queue needs it, and the JVM refuses new hooks once shutdown has begun — that would make the
   * queue's classes unusable. This registers Chronicle's hook holder without a JVM hook, so the
   * open succeeds; Chronicle's own clean-up then does not run, which the exiting process makes
   * moot. Does nothing when the holder exists already; any failure leaves things as they were.
   */
  public static void allowOpeningDuringShutdown() {
    try {
      Class<?> hook =
          Class.forName(
              "net.openhft.chronicle.core.shutdown.PriorityHook",
              true,
              QueueFiles.class.getClassLoader());
      java.lang.reflect.Field holder = hook.getDeclaredField("registeredHook");
      holder.setAccessible(true);
      // PriorityHook registers under its class lock (static synchronized): take it too.
      synchronized (hook) {
        if (holder.get(null) == null) {
          java.lang.reflect.Constructor<?> c = hook.getDeclaredConstructor();
          c.setAccessible(true);
          holder.set(null, c.newInstance());
        }
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // A Chronicle without this holder: opening during shutdown fails and is reported there.
    }
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
