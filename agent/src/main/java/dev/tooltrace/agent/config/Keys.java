/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every configuration key the agent knows: name, type, default, what it accepts and what it does,
 * defined once here. README.md's configuration table is generated from this list, and {@code
 * ConfigTableTest} fails when the two differ (it also regenerates the table, see README.md).
 */
public final class Keys {
  private Keys() {}

  private static final Map<String, Key<?>> ALL = new LinkedHashMap<>();

  private static <T> Key<T> key(
      String name,
      Key.Type type,
      String def,
      String accepts,
      String desc,
      java.util.function.Function<String, T> p) {
    Key<T> k = new Key<>(name, type, def, accepts, desc, p);
    ALL.put(name, k);
    return k;
  }

  public static final Key<Boolean> ENABLED =
      key(
          "enabled",
          Key.Type.BOOLEAN,
          "true",
          "true or false",
          "Track @Tracked calls at all.",
          Keys::bool);
  public static final Key<String> DIR =
      key(
          "dir",
          Key.Type.PATH,
          "tooltrace-data",
          "a directory path",
          "The queue directory.",
          Keys::text);
  public static final Key<String> SERVICE_NAME =
      key(
          "service.name",
          Key.Type.TEXT,
          "",
          "text (default: OTEL_SERVICE_NAME, else the main class)",
          "service.name of the exported resource.",
          Keys::any);
  public static final Key<String> RUN_NAME =
      key("run.name", Key.Type.TEXT, "", "text", "A name for this run (experiment).", Keys::any);
  public static final Key<List<String>> RUN_TAGS =
      key(
          "run.tags",
          Key.Type.LIST,
          "",
          "comma- or semicolon-separated tags (k=v or words)",
          "Tags of this run.",
          Keys::list);
  public static final Key<String> ROLL_CYCLE =
      key(
          "roll.cycle",
          Key.Type.CHOICE,
          "FAST_HOURLY",
          "a Chronicle roll cycle, e.g. FAST_HOURLY, FIVE_MINUTELY",
          "How often a new queue file starts.",
          Keys::rollCycle);
  public static final Key<List<String>> INCLUDE =
      key(
          "include",
          Key.Type.LIST,
          "",
          "method patterns 'pkg.Class#method' with * wildcards, ';'-separated",
          "Methods tracked without an annotation.",
          Keys::patterns);
  public static final Key<List<String>> EXCLUDE =
      key(
          "exclude",
          Key.Type.LIST,
          "",
          "method patterns as for include",
          "Methods never tracked.",
          Keys::patterns);
  public static final Key<Integer> PREVIEW_CHARS =
      key(
          "capture.preview.chars",
          Key.Type.INTEGER,
          "256",
          "an integer 0..65536",
          "Maximum characters of a value preview.",
          s -> intIn(s, 0, 65536));
  public static final Key<Long> HASH_MAX_BYTES =
      key(
          "capture.hash.max.bytes",
          Key.Type.SIZE,
          "1048576",
          "a size, e.g. 1048576 or 1MB (>= 1KB)",
          "Values larger than this get a sampled hash (length and 32 evenly spaced samples).",
          s -> sizeAtLeast(s, 1024));
  public static final Key<String> CAPTURE_HASH =
      key(
          "capture.hash",
          Key.Type.TEXT,
          "false",
          "true, false, or patterns 'tool' / 'tool#param' ('*' wildcards, ';'; param: a name or"
              + " 'return')",
          "Values always hashed exactly (up to capture.hash.max.bytes), never switched to"
              + " sampled hashes by the budget.",
          Keys::any);
  public static final Key<Long> BUDGET_MICROS =
      key(
          "capture.budget.micros",
          Key.Type.INTEGER,
          "5",
          "an integer 0..1000000 (0 = never switch)",
          "A parameter whose value takes longer than this to describe, and over 4 times longer than"
              + " the call itself, 5 calls in a row, is described with a sampled hash from then on.",
          s -> (long) intIn(s, 0, 1_000_000));
  public static final Key<Integer> ELEMENTS_MAX =
      key(
          "capture.elements.max",
          Key.Type.INTEGER,
          "1024",
          "an integer 0..1000000 (0 = no element lineage)",
          "Elements of a collection, array, map or Optional argument or result looked at for"
              + " lineage; beyond it they are counted and the value flagged elementsTruncated.",
          s -> intIn(s, 0, 1_000_000));
  public static final Key<String> CAPTURE_ARGS =
      key(
          "capture.args",
          Key.Type.TEXT,
          "false",
          "true, false, or tool-name patterns ('*' wildcards, ';')",
          "Record arguments in full for replay.",
          Keys::any);
  public static final Key<String> CAPTURE_COST =
      key(
          "capture.cost",
          Key.Type.TEXT,
          "false",
          "true, false, or tool-name patterns ('*' wildcards, ';')",
          "Record each call's thread CPU time and allocated bytes.",
          Keys::any);
  public static final Key<Long> CAPTURE_MAX_BYTES =
      key(
          "capture.max.bytes",
          Key.Type.SIZE,
          "65536",
          "a size",
          "Maximum size of one captured value.",
          s -> sizeAtLeast(s, 16));

  /**
   * Names that hold secrets: password, passwd, pwd, secret, credential, token, key, auth anywhere
   * in the name, case-insensitively — except the words of text pipelines that only look like them:
   * {@code tokens}, {@code tokenize}/{@code tokenise} and their forms, {@code keyword}, {@code
   * keyboard}, {@code author} (not {@code authorization}). Over-redaction is the safe side; these
   * exceptions keep a tokenizer's {@code tokens} argument linkable.
   */
  static final String REDACT_NAMES_DEFAULT =
      "(?i).*(password|passwd|pwd|secret|credential|token(?!s|i[sz])|key(?!board|word)"
          + "|auth(?!or(?!i[sz]))).*";

  public static final Key<Pattern> REDACT_NAMES =
      key(
          "redact.names",
          Key.Type.REGEX,
          REDACT_NAMES_DEFAULT,
          "a Java regular expression",
          "Parameter names (and environment/property names) whose values are redacted.",
          Keys::regex);
  public static final Key<Double> CONFIDENCE_HIGH =
      key(
          "confidence.high",
          Key.Type.NUMBER,
          "0.8",
          "a number in [0,1]",
          "Lower bound of quality tier HIGH.",
          Keys::unit);
  public static final Key<Double> CONFIDENCE_MEDIUM =
      key(
          "confidence.medium",
          Key.Type.NUMBER,
          "0.5",
          "a number in [0,1]",
          "Lower bound of quality tier MEDIUM.",
          Keys::unit);
  public static final Key<String> EXPORT =
      key(
          "export",
          Key.Type.CHOICE,
          "otlp",
          "otlp or none",
          "Export the queue over OTLP from inside the agent.",
          s -> oneOf(s, "otlp", "none"));
  public static final Key<Integer> EXPORT_BATCH =
      key(
          "export.batch.size",
          Key.Type.INTEGER,
          "512",
          "an integer 1..100000",
          "Spans per OTLP request.",
          s -> intIn(s, 1, 100000));
  public static final Key<List<String>> SEMCONV_OPT_IN =
      key(
          "semconv.stability.opt.in",
          Key.Type.LIST,
          "",
          "comma-separated values (default: OTEL_SEMCONV_STABILITY_OPT_IN), e.g."
              + " gen_ai_latest_experimental",
          "With gen_ai_latest_experimental, export calls as GenAI execute_tool spans.",
          Keys::list);
  public static final Key<Boolean> HTTP_ENABLED =
      key(
          "http.enabled",
          Key.Type.BOOLEAN,
          "true",
          "true or false",
          "Serve /health and /metrics.",
          Keys::bool);
  public static final Key<String> HTTP_HOST =
      key(
          "http.host",
          Key.Type.TEXT,
          "127.0.0.1",
          "a host name or address",
          "Address of the HTTP endpoint.",
          Keys::text);
  public static final Key<Integer> HTTP_PORT =
      key(
          "http.port",
          Key.Type.INTEGER,
          "9464",
          "a port 0..65535 (0 picks a free port)",
          "Port of the HTTP endpoint.",
          s -> intIn(s, 0, 65535));
  public static final Key<Long> DISK_MAX_BYTES =
      key(
          "disk.max.bytes",
          Key.Type.SIZE,
          "0",
          "a size, e.g. 10GB (0 = no budget)",
          "Queue size budget: records beyond it are dropped and counted.",
          s -> sizeAtLeast(s, 0));
  public static final Key<Long> DISK_MIN_FREE =
      key(
          "disk.min.free",
          Key.Type.SIZE,
          "256MB",
          "a size",
          "Free space kept on the queue's file system: below it records are dropped and counted.",
          s -> sizeAtLeast(s, 0));
  public static final Key<Duration> BATCH_MAX_AGE =
      key(
          "batch.max.age",
          Key.Type.DURATION,
          "100ms",
          "a duration up to 10s (0 = at each outermost call's end)",
          "How long a thread's finished calls may wait to be appended together: at most this plus"
              + " 50 ms of calls is lost to a kill -9.",
          s -> durationAtMost(s, Duration.ofSeconds(10)));
  public static final Key<Duration> SAMPLE_INTERVAL =
      key(
          "sample.interval",
          Key.Type.DURATION,
          "10s",
          "a duration, e.g. 500ms, 10s, 1m (0 = off)",
          "How often CPU/memory/disk are sampled into the queue.",
          Keys::duration);
  public static final Key<Duration> HEALTH_EXPORT_MAX_LAG =
      key(
          "health.export.max.lag",
          Key.Type.DURATION,
          "5m",
          "a duration",
          "Readiness fails when the exporter is this far behind.",
          Keys::duration);
  public static final Key<String> BACKUP_DIR =
      key(
          "backup.dir",
          Key.Type.PATH,
          "",
          "a directory path (empty: no scheduled backups)",
          "Back the queue up into this directory (incremental, with a SHA-256 manifest).",
          Keys::any);
  public static final Key<Duration> BACKUP_INTERVAL =
      key(
          "backup.interval",
          Key.Type.DURATION,
          "1h",
          "a duration (>= 1s)",
          "How often the scheduled backup runs.",
          s -> durationAtLeast(s, Duration.ofSeconds(1)));
  public static final Key<Integer> RETENTION_DAYS =
      key(
          "retention.days",
          Key.Type.INTEGER,
          "0",
          "an integer 0..36500 (0 = keep)",
          "Delete queue files older than this, once exported and (with backup.dir) backed up.",
          s -> intIn(s, 0, 36500));
  public static final Key<Long> RETENTION_MAX_BYTES =
      key(
          "retention.max.bytes",
          Key.Type.SIZE,
          "0",
          "a size, e.g. 10GB (0 = no budget)",
          "Delete the oldest queue files beyond this size, once exported and backed up.",
          s -> sizeAtLeast(s, 0));
  public static final Key<Duration> RETENTION_INTERVAL =
      key(
          "retention.interval",
          Key.Type.DURATION,
          "1m",
          "a duration (>= 1s)",
          "How often retention runs.",
          s -> durationAtLeast(s, Duration.ofSeconds(1)));
  public static final Key<Boolean> AUDIT_CHAIN =
      key(
          "audit.chain",
          Key.Type.BOOLEAN,
          "true",
          "true or false",
          "Link every document into the queue's hash chain (tamper evidence, docs/audit.md).",
          Keys::bool);
  public static final Key<String> AUDIT_KEY =
      key(
          "audit.key",
          Key.Type.PATH,
          "",
          "a key file: Ed25519 private key (PEM) or HMAC-SHA256 secret (empty: seals unsigned)",
          "Sign the hash chain's head at each roll and at the run's end (docs/audit.md).",
          Keys::any);
  public static final Key<String> LOG_LEVEL =
      key(
          "log.level",
          Key.Type.CHOICE,
          "info",
          "error, warn, info, debug or trace",
          "The agent's log level.",
          s -> oneOf(s, "error", "warn", "info", "debug", "trace"));
  public static final Key<Map<String, String>> LOG_LEVELS =
      key(
          "log.levels",
          Key.Type.MAP,
          "",
          "component=level pairs, e.g. export=debug;weave=warn",
          "Per-component log levels.",
          Keys::levels);
  public static final Key<String> LOG_FORMAT =
      key(
          "log.format",
          Key.Type.CHOICE,
          "plain",
          "plain or json",
          "Format of the agent's log lines.",
          s -> oneOf(s, "plain", "json"));
  public static final Key<String> LOG_FILE =
      key(
          "log.file",
          Key.Type.PATH,
          "",
          "a file path (empty: stderr)",
          "Where the agent logs.",
          Keys::any);
  public static final Key<Long> LOG_FILE_MAX_BYTES =
      key(
          "log.file.max.bytes",
          Key.Type.SIZE,
          "10MB",
          "a size",
          "Rotate the log file at this size.",
          s -> sizeAtLeast(s, 1024));

  public static Map<String, Key<?>> all() {
    return Collections.unmodifiableMap(ALL);
  }

  // ---- parsers -------------------------------------------------------------------------------

  static String any(String s) {
    return s.trim();
  }

  static String text(String s) {
    String t = s.trim();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty");
    }
    return t;
  }

  static Boolean bool(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.equals("true")) {
      return true;
    }
    if (t.equals("false")) {
      return false;
    }
    throw new IllegalArgumentException("not a boolean");
  }

  static String oneOf(String s, String... options) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    for (String o : options) {
      if (o.equals(t)) {
        return o;
      }
    }
    throw new IllegalArgumentException("not one of " + String.join(", ", options));
  }

  static Integer intIn(String s, int min, int max) {
    int v = Integer.parseInt(s.trim());
    if (v < min || v > max) {
      throw new IllegalArgumentException("out of range");
    }
    return v;
  }

  static Double unit(String s) {
    double v = Double.parseDouble(s.trim());
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException("out of range");
    }
    return v;
  }

  static String rollCycle(String s) {
    dev.tooltrace.record.QueueFiles.rollCycle(s);
    return s.trim().toUpperCase(Locale.ROOT);
  }

  static List<String> list(String s) {
    List<String> out = new ArrayList<>();
    for (String p : s.split("[,;]")) {
      if (!p.isBlank()) {
        out.add(p.trim());
      }
    }
    return List.copyOf(out);
  }

  static List<String> patterns(String s) {
    List<String> out = new ArrayList<>();
    for (String p : s.split(";")) {
      if (p.isBlank()) {
        continue;
      }
      String t = p.trim();
      int hash = t.indexOf('#');
      if (hash <= 0 || hash == t.length() - 1 || t.indexOf('#', hash + 1) >= 0) {
        throw new IllegalArgumentException("pattern '" + t + "' is not Class#method");
      }
      out.add(t);
    }
    return List.copyOf(out);
  }

  static Pattern regex(String s) {
    return Pattern.compile(s);
  }

  static Map<String, String> levels(String s) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : s.split("[,;]")) {
      if (p.isBlank()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("'" + p.trim() + "' is not component=level");
      }
      out.put(
          p.substring(0, eq).trim(),
          oneOf(p.substring(eq + 1), "error", "warn", "info", "debug", "trace"));
    }
    return out;
  }

  /** Sizes: a plain number of bytes or a number with KB, MB, GB, TB (powers of 1024). */
  public static long size(String s) {
    String t = s.trim().toUpperCase(Locale.ROOT).replace("IB", "B");
    long mul = 1;
    for (String[] u :
        new String[][] {
          {"TB", "1099511627776"},
          {"GB", "1073741824"},
          {"MB", "1048576"},
          {"KB", "1024"},
          {"B", "1"}
        }) {
      if (t.endsWith(u[0])) {
        mul = Long.parseLong(u[1]);
        t = t.substring(0, t.length() - u[0].length()).trim();
        break;
      }
    }
    long v = Long.parseLong(t);
    if (v < 0) {
      throw new IllegalArgumentException("negative");
    }
    return Math.multiplyExact(v, mul);
  }

  static Long sizeAtLeast(String s, long min) {
    long v = size(s);
    if (v != 0 && v < min) {
      throw new IllegalArgumentException("too small");
    }
    return v;
  }

  static Duration durationAtLeast(String s, Duration min) {
    Duration d = duration(s);
    if (d.compareTo(min) < 0) {
      throw new IllegalArgumentException("too short");
    }
    return d;
  }

  static Duration durationAtMost(String s, Duration max) {
    Duration d = duration(s);
    if (d.isNegative() || d.compareTo(max) > 0) {
      throw new IllegalArgumentException("not between 0 and " + max.toMillis() + " ms");
    }
    return d;
  }

  /** Durations: 250ms, 10s, 5m, 1h, or ISO-8601 (PT10S). */
  public static Duration duration(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("pt")) {
      return Duration.parse(t.toUpperCase(Locale.ROOT));
    }
    Duration d;
    if (t.endsWith("ms")) {
      d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
    } else if (t.endsWith("s")) {
      d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()));
    } else if (t.endsWith("m")) {
      d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).trim()));
    } else if (t.endsWith("h")) {
      d = Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1).trim()));
    } else if (t.endsWith("d")) {
      d = Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1).trim()));
    } else {
      d = Duration.ofSeconds(Long.parseLong(t));
    }
    if (d.isNegative()) {
      throw new IllegalArgumentException("negative");
    }
    return d;
  }
}
