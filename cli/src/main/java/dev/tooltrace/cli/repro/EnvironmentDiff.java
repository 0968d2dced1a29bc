/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.repro;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Differences between the environments of two runs: class-path entries added, removed or changed
 * (by SHA-256), the JVM (runtime, vendor, input arguments), system properties, the main command and
 * the git commit. Settings that differ on every run by design (the run's name, tags and queue
 * directory in the agent's arguments; per-process properties like the pid) are left out, so a rerun
 * of an unchanged program shows no difference.
 */
public final class EnvironmentDiff {
  /** One changed item: what, value in A, value in B (null when absent). */
  public record Change(String section, String key, String a, String b) {}

  private static final Set<String> VOLATILE_PROPERTIES =
      Set.of("sun.java.command", "jdk.debug", "sun.jnu.encoding.pid", "user.dir");
  private static final Set<String> VOLATILE_AGENT_KEYS = Set.of("run.name", "run.tags", "dir");

  private final List<Change> changes = new ArrayList<>();

  public static EnvironmentDiff of(JsonNode a, JsonNode b) {
    EnvironmentDiff d = new EnvironmentDiff();
    d.classpath(a.path("classpath"), b.path("classpath"));
    for (String k :
        List.of(
            "process.runtime.name",
            "process.runtime.version",
            "process.runtime.description",
            "process.executable.path")) {
      d.scalar("jvm", k, a.path(k), b.path(k));
    }
    d.scalar(
        "jvm",
        "input arguments",
        text(agentStable(a.path("jvm.input_arguments"))),
        text(agentStable(b.path("jvm.input_arguments"))));
    d.map(
        "property", a.path("system.properties"), b.path("system.properties"), VOLATILE_PROPERTIES);
    d.scalar("main", "target", a.path("main").path("target"), b.path("main").path("target"));
    d.scalar(
        "main", "arguments", a.path("main").path("arguments"), b.path("main").path("arguments"));
    d.scalar("git", "commit", a.path("git").path("commit"), b.path("git").path("commit"));
    d.scalar("git", "dirty", a.path("git").path("dirty"), b.path("git").path("dirty"));
    return d;
  }

  public List<Change> changes() {
    return changes;
  }

  /** Changes of one section: "jar", "jvm", "property", "main", "git". */
  public List<Change> section(String s) {
    return changes.stream().filter(c -> c.section().equals(s)).toList();
  }

  private void classpath(JsonNode a, JsonNode b) {
    Map<String, String> ma = jars(a);
    Map<String, String> mb = jars(b);
    Set<String> keys = new TreeSet<>(ma.keySet());
    keys.addAll(mb.keySet());
    for (String k : keys) {
      if (!Objects.equals(ma.get(k), mb.get(k))) {
        changes.add(new Change("jar", k, ma.get(k), mb.get(k)));
      }
    }
  }

  private static Map<String, String> jars(JsonNode cp) {
    Map<String, String> m = new LinkedHashMap<>();
    cp.forEach(e -> m.put(e.path("path").asText(), e.path("sha256").asText()));
    return m;
  }

  private void map(String section, JsonNode a, JsonNode b, Set<String> skip) {
    Map<String, String> ma = new TreeMap<>();
    Map<String, String> mb = new TreeMap<>();
    a.fields().forEachRemaining(e -> ma.put(e.getKey(), e.getValue().asText()));
    b.fields().forEachRemaining(e -> mb.put(e.getKey(), e.getValue().asText()));
    Set<String> keys = new TreeSet<>(ma.keySet());
    keys.addAll(mb.keySet());
    for (String k : keys) {
      if (!skip.contains(k) && !Objects.equals(ma.get(k), mb.get(k))) {
        changes.add(new Change(section, k, ma.get(k), mb.get(k)));
      }
    }
  }

  private void scalar(String section, String key, JsonNode a, JsonNode b) {
    scalar(section, key, text(a), text(b));
  }

  private void scalar(String section, String key, String a, String b) {
    if (!Objects.equals(a, b)) {
      changes.add(new Change(section, key, a, b));
    }
  }

  private static String text(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return null;
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }

  /** JVM arguments with the per-run keys removed from the tooltrace agent's argument. */
  static JsonNode agentStable(JsonNode args) {
    com.fasterxml.jackson.databind.node.ArrayNode out =
        dev.tooltrace.cli.render.Json.MAPPER.createArrayNode();
    args.forEach(n -> out.add(stripAgentKeys(n.asText())));
    return out;
  }

  static String stripAgentKeys(String arg) {
    int eq = arg.indexOf('=');
    if (!arg.startsWith("-javaagent:") || eq < 0 || !arg.substring(0, eq).contains("tooltrace")) {
      return arg;
    }
    StringBuilder sb = new StringBuilder(arg.substring(0, eq + 1));
    boolean first = true;
    for (String kv : arg.substring(eq + 1).split(",")) {
      int e = kv.indexOf('=');
      if (e > 0 && VOLATILE_AGENT_KEYS.contains(kv.substring(0, e).trim())) {
        continue;
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(kv);
    }
    return sb.toString();
  }
}
