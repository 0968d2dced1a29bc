/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's configuration, resolved once at start-up.
 *
 * <p>Precedence, highest first: agent argument ({@code -javaagent:jar=key=value,...}), system
 * property {@code tooltrace.KEY}, environment {@code TOOLTRACE_KEY}, default. An unknown key or an
 * invalid value never stops the application: it becomes one problem line (see {@link #problems()})
 * naming the key and what it accepts, and the default is used.
 */
public final class Config {
  private final Map<String, Object> values = new HashMap<>();
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private final Map<String, String> env;

  private Config(Map<String, String> env) {
    this.env = env;
  }

  public static Config load(String agentArgs) {
    return load(agentArgs, System.getProperties(), System.getenv());
  }

  public static Config load(String agentArgs, java.util.Properties props, Map<String, String> env) {
    Config c = new Config(env);
    Map<String, String> fromArgs = c.parseArgs(agentArgs);
    for (Key<?> k : Keys.all().values()) {
      String raw;
      String source;
      if (fromArgs.containsKey(k.name)) {
        raw = fromArgs.remove(k.name);
        source = "agent argument";
      } else if (props.getProperty("tooltrace." + k.name) != null) {
        raw = props.getProperty("tooltrace." + k.name);
        source = "system property tooltrace." + k.name;
      } else if (env.get(k.envName()) != null) {
        raw = env.get(k.envName());
        source = "environment " + k.envName();
      } else {
        raw = k.defaultText;
        source = "default";
      }
      c.set(k, raw, source);
    }
    for (String unknown : fromArgs.keySet()) {
      c.problems.add(
          "unknown configuration key '"
              + unknown
              + "' in the agent arguments (ignored); known keys: "
              + String.join(", ", Keys.all().keySet()));
    }
    for (String name : props.stringPropertyNames()) {
      if (name.startsWith("tooltrace.") && !isInternalProperty(name)) {
        String k = name.substring("tooltrace.".length());
        if (!Keys.all().containsKey(k)) {
          c.problems.add(
              "unknown configuration key '" + k + "' in system property " + name + " (ignored)");
        }
      }
    }
    return c;
  }

  private static boolean isInternalProperty(String name) {
    return name.equals("tooltrace.agent.started");
  }

  private Map<String, String> parseArgs(String args) {
    Map<String, String> out = new LinkedHashMap<>();
    if (args == null || args.isBlank()) {
      return out;
    }
    for (String part : splitArgs(args)) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        problems.add("agent argument '" + part.trim() + "' is not key=value (ignored)");
        continue;
      }
      out.put(part.substring(0, eq).trim(), part.substring(eq + 1));
    }
    return out;
  }

  /** Splits on commas, except commas that continue the previous value (no '=' in the piece). */
  private static List<String> splitArgs(String args) {
    List<String> parts = new ArrayList<>();
    for (String p : args.split(",")) {
      if (!parts.isEmpty() && !p.contains("=")) {
        parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "," + p);
      } else {
        parts.add(p);
      }
    }
    return parts;
  }

  private <T> void set(Key<T> k, String raw, String source) {
    try {
      values.put(k.name, k.parser.apply(raw));
      sources.put(k.name, source);
    } catch (RuntimeException e) {
      problems.add(
          "invalid value '"
              + raw
              + "' for configuration key '"
              + k.name
              + "' ("
              + source
              + "): expected "
              + k.accepts
              + "; using the default '"
              + k.defaultText
              + "'");
      values.put(k.name, k.parser.apply(k.defaultText));
      sources.put(k.name, "default");
    }
  }

  @SuppressWarnings("unchecked")
  public <T> T get(Key<T> k) {
    return (T) values.get(k.name);
  }

  /** Where each value came from, for the start-up debug line and the run snapshot. */
  public Map<String, String> sources() {
    return Collections.unmodifiableMap(sources);
  }

  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  /** An environment variable (for the OTEL_* settings that follow OpenTelemetry's own rules). */
  public String env(String name) {
    return env.get(name);
  }

  /** All resolved values as text, for the run's environment snapshot. */
  public Map<String, String> asText() {
    Map<String, String> m = new LinkedHashMap<>();
    for (Key<?> k : Keys.all().values()) {
      m.put(k.name, String.valueOf(values.get(k.name)));
    }
    return m;
  }
}
