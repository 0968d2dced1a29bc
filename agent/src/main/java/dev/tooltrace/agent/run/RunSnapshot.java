/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.run;

import dev.tooltrace.record.Hex;
import dev.tooltrace.record.Sha256;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The environment of one run, recorded once per JVM start in the RUN document: identity (run id,
 * name, tags, service), the command line, JVM and OS, host and container, the class path with a
 * SHA-256 per entry, the git commit of the working directory, and system properties and environment
 * variables with secrets redacted. Keys of the resource part follow OpenTelemetry's semantic
 * conventions so the exporter can use them as the run's resource as they are.
 */
public final class RunSnapshot {
  static final String REDACTED = "<redacted>";

  /**
   * Names the default pattern matches ("pwd" as in password) that are well-known non-secrets: the
   * shell's working directories. Redacting them would also scrub every path below them.
   */
  private static final java.util.Set<String> NOT_SECRET = java.util.Set.of("PWD", "OLDPWD");

  private static final long HASH_BUDGET_BYTES = 512L << 20;

  private RunSnapshot() {}

  public static Map<String, Object> take(
      String runId,
      String serviceName,
      String runName,
      List<String> tags,
      Pattern secretNames,
      Map<String, String> config) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tooltrace.run.id", runId);
    m.put("tooltrace.run.name", runName);
    m.put("tooltrace.run.tags", tags);
    m.put("service.name", serviceName);
    m.put("start.time", Instant.now().toString());
    m.put("host.name", hostName());
    m.put("host.arch", System.getProperty("os.arch"));
    m.put("os.type", System.getProperty("os.name"));
    m.put("os.version", System.getProperty("os.version"));
    m.put("process.pid", ProcessHandle.current().pid());
    m.put("process.command_line", commandLine(secretNames));
    m.put("process.command_args", commandArgs(secretNames));
    m.put("process.runtime.name", System.getProperty("java.runtime.name"));
    m.put("process.runtime.version", System.getProperty("java.runtime.version"));
    m.put(
        "process.runtime.description",
        System.getProperty("java.vm.vendor")
            + " "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.vm.version"));
    m.put(
        "process.executable.path",
        ProcessHandle.current().info().command().orElse(System.getProperty("java.home")));
    m.put(
        "jvm.input_arguments",
        redactArgs(ManagementFactory.getRuntimeMXBean().getInputArguments(), secretNames));
    m.put("main", mainCommand(secretNames));
    m.put("working.directory", System.getProperty("user.dir"));
    m.put("cpu.model", cpuModel());
    m.put("cpu.count", Runtime.getRuntime().availableProcessors());
    m.put("memory.max", Runtime.getRuntime().maxMemory());
    m.put("container.id", containerId());
    m.put("git", git(Path.of(System.getProperty("user.dir"))));
    m.put("classpath", classpath());
    m.put("system.properties", properties(secretNames));
    m.put("environment", environment(secretNames));
    m.put("tooltrace.config", config);
    @SuppressWarnings("unchecked")
    Map<String, Object> scrubbed =
        (Map<String, Object>)
            new SecretValues(System.getenv(), System.getProperties(), secretNames).scrubAll(m);
    return scrubbed;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String h = System.getenv("HOSTNAME");
      return h == null ? "unknown" : h;
    }
  }

  private static String commandLine(Pattern secretNames) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> parts = new ArrayList<>();
    parts.add(java);
    parts.addAll(redactArgs(ManagementFactory.getRuntimeMXBean().getInputArguments(), secretNames));
    parts.addAll(
        redactMainArgs(
            List.of(System.getProperty("sun.java.command", "").split(" ")), secretNames));
    return String.join(" ", parts);
  }

  /**
   * The process's exact argument vector, executable first (OpenTelemetry's {@code
   * process.command_args}; from the OS, so arguments with spaces stay whole), redacted; empty when
   * the OS does not tell. {@code rerun-script} uses it.
   */
  private static List<String> commandArgs(Pattern secretNames) {
    ProcessHandle.Info info = ProcessHandle.current().info();
    if (info.command().isEmpty() || info.arguments().isEmpty()) {
      return List.of();
    }
    List<String> raw = List.of(info.arguments().get());
    List<String> out = new ArrayList<>();
    out.add(info.command().get());
    int i = 0;
    for (; i < raw.size(); i++) {
      String a = raw.get(i);
      out.addAll(redactArgs(List.of(a), secretNames));
      if (!a.startsWith("-") || a.equals("-jar") || a.equals("-m") || a.equals("--module")) {
        break;
      }
      if (a.equals("-cp")
          || a.equals("-classpath")
          || a.equals("--class-path")
          || a.equals("-p")
          || a.equals("--module-path")) {
        if (++i < raw.size()) {
          out.add(raw.get(i));
        }
      }
    }
    if (i < raw.size()
        && (raw.get(i).equals("-jar")
            || raw.get(i).equals("-m")
            || raw.get(i).equals("--module"))) {
      if (++i < raw.size()) {
        out.add(raw.get(i));
      }
    }
    if (i + 1 < raw.size()) {
      out.addAll(redactMainArgs(raw.subList(i + 1, raw.size()), secretNames));
    }
    return out;
  }

  /** Main class or jar and its arguments, as the JVM was given them. */
  private static Map<String, Object> mainCommand(Pattern secretNames) {
    Map<String, Object> m = new LinkedHashMap<>();
    String cmd = System.getProperty("sun.java.command", "");
    String[] parts = cmd.split(" ");
    m.put("target", parts.length > 0 ? parts[0] : "");
    List<String> args = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      args.add(parts[i]);
    }
    m.put("arguments", redactMainArgs(args, secretNames));
    m.put("class.path", System.getProperty("java.class.path", ""));
    return m;
  }

  /**
   * Application arguments of the forms {@code --name=value} and {@code --name value} whose name
   * matches the secret pattern lose their value.
   */
  static List<String> redactMainArgs(List<String> args, Pattern secretNames) {
    List<String> out = new ArrayList<>();
    boolean redactNext = false;
    for (String a : args) {
      if (redactNext) {
        out.add(REDACTED);
        redactNext = false;
        continue;
      }
      String name = a.replaceFirst("^-+", "");
      int eq = name.indexOf('=');
      if (a.startsWith("-") && eq > 0 && secretNames.matcher(name.substring(0, eq)).matches()) {
        out.add(a.substring(0, a.indexOf('=') + 1) + REDACTED);
      } else if (a.startsWith("-")
          && eq < 0
          && !name.isEmpty()
          && secretNames.matcher(name).matches()) {
        out.add(a);
        redactNext = true;
      } else {
        out.add(a);
      }
    }
    return out;
  }

  static List<String> redactArgs(List<String> args, Pattern secretNames) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (a.startsWith("-D") && eq > 2 && secretNames.matcher(a.substring(2, eq)).matches()) {
        out.add(a.substring(0, eq + 1) + REDACTED);
      } else if (a.startsWith("-javaagent:") && eq > 0) {
        out.add(redactAgentArgs(a, secretNames));
      } else {
        out.add(a);
      }
    }
    return out;
  }

  private static String redactAgentArgs(String a, Pattern secretNames) {
    int eq = a.indexOf('=');
    StringBuilder sb = new StringBuilder(a.substring(0, eq + 1));
    String[] kvs = a.substring(eq + 1).split(",");
    for (int i = 0; i < kvs.length; i++) {
      String kv = kvs[i];
      int e = kv.indexOf('=');
      if (i > 0) {
        sb.append(',');
      }
      sb.append(
          e > 0 && secretNames.matcher(kv.substring(0, e)).matches()
              ? kv.substring(0, e + 1) + REDACTED
              : kv);
    }
    return sb.toString();
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  private static String containerId() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
        var mm = Pattern.compile("([0-9a-f]{64})").matcher(line);
        if (mm.find()) {
          return mm.group(1);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or no cgroup
    }
    return "";
  }

  /** The git commit and dirty flag of {@code dir}, if it is inside a work tree and git exists. */
  static Map<String, Object> git(Path dir) {
    Map<String, Object> m = new LinkedHashMap<>();
    String commit = run(dir, "git", "rev-parse", "HEAD");
    if (commit == null) {
      return m;
    }
    m.put("commit", commit.trim());
    String status = run(dir, "git", "status", "--porcelain", "--untracked-files=no");
    m.put("dirty", status != null && !status.isBlank());
    return m;
  }

  private static String run(Path dir, String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Every class-path entry with its SHA-256 (directories: over their files, sorted by path). */
  static List<Map<String, Object>> classpath() {
    List<Map<String, Object>> out = new ArrayList<>();
    long[] budget = {HASH_BUDGET_BYTES};
    byte[] buf = new byte[1 << 16]; // one read buffer for every file hashed
    for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (e.isEmpty()) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", e);
      Path p = Path.of(e);
      try {
        m.put(
            "sha256",
            Files.isDirectory(p)
                ? hashDir(p, budget, buf)
                : Files.exists(p) ? hashFile(p, budget, buf) : "missing");
      } catch (IOException | RuntimeException ex) {
        m.put("sha256", "unreadable: " + ex.getMessage());
      }
      out.add(m);
    }
    return out;
  }

  static String hashFile(Path p, long[] budget, byte[] buf) throws IOException {
    long size = Files.size(p);
    if (size > budget[0]) {
      return "skipped: hashing budget spent";
    }
    budget[0] -= size;
    return Sha256.of(p, buf);
  }

  private static String hashDir(Path dir, long[] budget, byte[] buf) throws IOException {
    MessageDigest md = Sha256.digest();
    List<Path> files = new ArrayList<>();
    try (var s = Files.walk(dir)) {
      s.filter(Files::isRegularFile).forEach(files::add);
    }
    files.sort(null);
    for (Path f : files) {
      md.update(dir.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      md.update(hashFile(f, budget, buf).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return Hex.of(md.digest());
  }

  static boolean isSecret(String name, Pattern secretNames) {
    return !NOT_SECRET.contains(name) && secretNames.matcher(name).matches();
  }

  private static Map<String, String> properties(Pattern secretNames) {
    Map<String, String> m = new TreeMap<>();
    System.getProperties()
        .forEach(
            (k, v) -> {
              String key = String.valueOf(k);
              m.put(key, isSecret(key, secretNames) ? REDACTED : String.valueOf(v));
            });
    // The launcher's copy of the main arguments: same redaction as the command line.
    String cmd = m.get("sun.java.command");
    if (cmd != null) {
      m.put(
          "sun.java.command",
          String.join(" ", redactMainArgs(List.of(cmd.split(" ")), secretNames)));
    }
    return m;
  }

  private static Map<String, String> environment(Pattern secretNames) {
    Map<String, String> m = new TreeMap<>();
    System.getenv()
        .forEach(
            (k, v) ->
                m.put(
                    k,
                    isSecret(k, secretNames) || k.startsWith("OTEL_EXPORTER_OTLP_HEADERS")
                        ? REDACTED
                        : v));
    return m;
  }
}
