/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.record.RunEndRecord;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the run's identity out of its environment snapshot (the RUN document, see {@code
 * RunSnapshot} in the agent) and its end counters (RUN_END), tolerating either being absent.
 */
final class RunHeader {
  private RunHeader() {}

  static JsonNode parse(String json) {
    if (json == null || json.isEmpty()) {
      return MissingNode.getInstance();
    }
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      // Keep what the agent wrote even if it is not JSON: it is still the run's evidence.
      return TextNode.valueOf(json);
    }
  }

  static String text(JsonNode env, String field) {
    JsonNode n = env.path(field);
    return n.isMissingNode() || n.isNull() ? "" : n.asText();
  }

  static List<String> tags(JsonNode env) {
    List<String> t = new ArrayList<>();
    env.path("tooltrace.run.tags").forEach(n -> t.add(n.asText()));
    return t;
  }

  static String jvm(JsonNode env) {
    String name = text(env, "process.runtime.name");
    String version = text(env, "process.runtime.version");
    String description = text(env, "process.runtime.description");
    String s = (name + " " + version).trim();
    return description.isEmpty() ? s : s + " (" + description + ")";
  }

  /** A confidence threshold of the run's agent configuration ({@code tooltrace.config}). */
  static double threshold(JsonNode env, String key, double def) {
    JsonNode n = env.path("tooltrace.config").path(key);
    try {
      return n.isMissingNode() || n.isNull() ? def : Double.parseDouble(n.asText());
    } catch (NumberFormatException e) {
      return def;
    }
  }

  /** A counter of the RUN_END document, or null when there is none. */
  static Long counter(RunEndRecord end, String key) {
    if (end == null) {
      return null;
    }
    JsonNode n = parse(end.countersJson()).path(key);
    return n.isNumber() ? n.asLong() : null;
  }

  /**
   * {@code ended}, {@code running} (no RUN_END and the run's JVM is alive on this host: the report
   * is a snapshot of a run still being written) or {@code unended} (killed, or running elsewhere).
   */
  static String state(RunEndRecord end, JsonNode env, Long pid, long runStartEpochNanos) {
    if (end != null) {
      return "ended";
    }
    if (pid != null && pid != ProcessHandle.current().pid() && sameHost(text(env, "host.name"))) {
      Optional<ProcessHandle> p = ProcessHandle.of(pid);
      if (p.isPresent() && p.get().isAlive() && startedBefore(p.get(), runStartEpochNanos)) {
        return "running";
      }
    }
    return "unended";
  }

  /** A process that started after the run did is another one that got the same pid. */
  private static boolean startedBefore(ProcessHandle p, long runStartEpochNanos) {
    Optional<Instant> started = p.info().startInstant();
    return started.isEmpty()
        || !started.get().isAfter(Instant.ofEpochSecond(0, runStartEpochNanos).plusSeconds(5));
  }

  private static boolean sameHost(String host) {
    try {
      return !host.isEmpty() && host.equals(InetAddress.getLocalHost().getHostName());
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * The snapshot, with its largest fields replaced by a note until it fits {@code maxChars}; the
   * names of the fields cut go to {@code cut}.
   */
  static JsonNode bounded(JsonNode env, int maxChars, List<String> cut) {
    if (!env.isObject()) {
      String s = env.isMissingNode() ? "" : env.asText();
      if (s.length() > maxChars) {
        cut.add("(the whole snapshot)");
        return TextNode.valueOf(s.substring(0, maxChars) + "…");
      }
      return env;
    }
    ObjectNode copy = ((ObjectNode) env).deepCopy();
    int size = copy.toString().length();
    while (size > maxChars) {
      String largest = null;
      int largestSize = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = copy.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        int s = e.getValue().toString().length();
        if (s > largestSize && !cut.contains(e.getKey())) {
          largest = e.getKey();
          largestSize = s;
        }
      }
      if (largest == null || largestSize < 64) {
        break;
      }
      copy.put(largest, "(" + largestSize + " characters left out of the report)");
      cut.add(largest);
      size = copy.toString().length();
    }
    return copy;
  }
}
