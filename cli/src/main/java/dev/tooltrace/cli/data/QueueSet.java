/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.data;

import dev.tooltrace.record.QueueFiles;
import dev.tooltrace.record.QueueFiles.NotAQueueException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The queues a command reads, from the user's {@code --dir} arguments. Each argument is a queue
 * directory (it holds {@code *.cq4} files) or a directory holding many queues anywhere below it
 * (backups gathered from many hosts), up to {@value #DEPTH} levels down; hidden directories (the
 * index's own) are not searched.
 *
 * <p>An argument that is neither is one line on stderr and is skipped while another argument gave a
 * queue; when none did, the first problem is the error (exit code 2).
 */
public record QueueSet(List<Path> queues) {
  static final int DEPTH = 4;

  public QueueSet {
    queues = List.copyOf(queues);
  }

  /** Resolves {@code dirs}; throws {@link NotAQueueException} when none holds a queue. */
  public static QueueSet resolve(List<Path> dirs, PrintWriter err) {
    Set<Path> found = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    for (Path d : dirs) {
      try {
        List<Path> q = queuesIn(d);
        for (Path p : q) {
          found.add(canonical(p));
        }
      } catch (NotAQueueException e) {
        problems.add(e.getMessage());
      }
    }
    if (found.isEmpty()) {
      throw new NotAQueueException(
          problems.isEmpty() ? "no queue directory given" : problems.get(0));
    }
    for (String p : problems) {
      err.println("tooltrace: skipped: " + p);
    }
    err.flush();
    // Sorted, so that the same queues are read in the same order however they were named.
    List<Path> sorted = new ArrayList<>(found);
    sorted.sort(null);
    return new QueueSet(sorted);
  }

  /** The queues in {@code dir}: itself, or those below it. */
  static List<Path> queuesIn(Path dir) {
    if (!Files.isDirectory(dir) || !QueueFiles.dataFiles(dir).isEmpty()) {
      QueueFiles.requireQueue(dir);
      return List.of(dir);
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir, DEPTH)) {
      s.filter(Files::isDirectory)
          .filter(p -> !p.equals(dir))
          .filter(p -> !isHiddenBelow(dir, p))
          .filter(p -> !QueueFiles.dataFiles(p).isEmpty())
          .sorted()
          .forEach(out::add);
    } catch (IOException | RuntimeException e) {
      throw new NotAQueueException("cannot search " + dir + ": " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw new NotAQueueException(
          dir
              + " is not a tooltrace queue: it holds no *"
              + QueueFiles.SUFFIX
              + " files, nor does any directory below it");
    }
    return out;
  }

  private static boolean isHiddenBelow(Path root, Path p) {
    for (Path part : root.relativize(p)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static Path canonical(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}
