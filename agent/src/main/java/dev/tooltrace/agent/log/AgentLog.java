/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's own diagnostics: never the application's logging framework (whose configuration,
 * class loader and output the agent must not disturb). One line per event, plain or JSON, to stderr
 * or a size-rotated file; levels per component. Warnings and errors are counted.
 */
public final class AgentLog {
  public enum Level {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE
  }

  private static volatile AgentLog instance = new AgentLog(Level.INFO, Map.of(), false, null, 0);

  private final Level defaultLevel;
  private final Map<String, String> levels;
  private final boolean json;
  private final Path file;
  private final long maxBytes;
  private final PrintStream stderr = System.err;
  private OutputStream fileOut;
  private long fileBytes;
  private final AtomicLong warnings = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  private AgentLog(
      Level level, Map<String, String> levels, boolean json, Path file, long maxBytes) {
    this.defaultLevel = level;
    this.levels = Map.copyOf(levels);
    this.json = json;
    this.file = file;
    this.maxBytes = maxBytes;
  }

  /** Replaces the process-wide logger; called once the configuration is known. */
  public static void configure(
      String level, Map<String, String> levels, String format, String file, long maxBytes) {
    Path p = file == null || file.isBlank() ? null : Path.of(file);
    instance = new AgentLog(parse(level), levels, "json".equals(format), p, maxBytes);
  }

  private static Level parse(String s) {
    return Level.valueOf(s.toUpperCase(Locale.ROOT));
  }

  public static Component of(String component) {
    return new Component(component);
  }

  public static long warningCount() {
    return instance.warnings.get();
  }

  public static long errorCount() {
    return instance.errors.get();
  }

  /** A logger bound to one component name, e.g. {@code weave}, {@code export}. */
  public static final class Component {
    private final String name;

    private Component(String name) {
      this.name = name;
    }

    public boolean enabled(Level level) {
      return instance.enabled(name, level);
    }

    public void error(String msg) {
      instance.log(name, Level.ERROR, msg);
    }

    public void warn(String msg) {
      instance.log(name, Level.WARN, msg);
    }

    public void info(String msg) {
      instance.log(name, Level.INFO, msg);
    }

    public void debug(String msg) {
      instance.log(name, Level.DEBUG, msg);
    }
  }

  private boolean enabled(String component, Level level) {
    String l = levels.get(component);
    Level threshold = l == null ? defaultLevel : parse(l);
    return level.ordinal() <= threshold.ordinal();
  }

  private void log(String component, Level level, String msg) {
    if (level == Level.WARN) {
      warnings.incrementAndGet();
    } else if (level == Level.ERROR) {
      errors.incrementAndGet();
    }
    if (!enabled(component, level)) {
      return;
    }
    String line = json ? jsonLine(component, level, msg) : plainLine(component, level, msg);
    write(line);
  }

  private static String plainLine(String component, Level level, String msg) {
    return String.format(Locale.ROOT, "[tooltrace] %-5s %s: %s", level, component, oneLine(msg));
  }

  private static String jsonLine(String component, Level level, String msg) {
    return "{\"time\":\""
        + Instant.now()
        + "\",\"level\":\""
        + level
        + "\",\"component\":\""
        + esc(component)
        + "\",\"message\":\""
        + esc(oneLine(msg))
        + "\"}";
  }

  private static String oneLine(String s) {
    return s == null ? "null" : s.replace('\n', ' ').replace('\r', ' ');
  }

  private static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private synchronized void write(String line) {
    if (file == null) {
      stderr.println(line);
      return;
    }
    try {
      byte[] bytes = (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
      if (fileOut == null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        fileOut = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        fileBytes = Files.size(file);
      }
      if (fileBytes + bytes.length > maxBytes && fileBytes > 0) {
        fileOut.close();
        Files.move(
            file,
            file.resolveSibling(file.getFileName() + ".1"),
            StandardCopyOption.REPLACE_EXISTING);
        fileOut = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        fileBytes = 0;
      }
      fileOut.write(bytes);
      fileOut.flush();
      fileBytes += bytes.length;
    } catch (IOException e) {
      stderr.println(
          "[tooltrace] WARN  log: cannot write log file "
              + file
              + " ("
              + e
              + "); logging to stderr: "
              + line);
    }
  }
}
