/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The values of environment variables and system properties whose NAMES mark them as secret ({@code
 * redact.names}), used to scrub the same values wherever else they show up in the run snapshot: a
 * token copied into a URL variable, a command-line argument or a JVM flag must not leak through the
 * side door. Values shorter than {@link #MIN_LENGTH} are not scrubbed elsewhere (they would mangle
 * unrelated text); their own entries are redacted by name regardless.
 */
final class SecretValues {
  static final int MIN_LENGTH = 6;
  private final List<String> values = new ArrayList<>();

  SecretValues(Map<String, String> env, Map<?, ?> properties, Pattern secretNames) {
    env.forEach((k, v) -> add(k, v, secretNames));
    properties.forEach((k, v) -> add(String.valueOf(k), String.valueOf(v), secretNames));
    // Longest first: a secret containing another is replaced whole.
    values.sort(Comparator.comparingInt(String::length).reversed());
  }

  private void add(String name, String value, Pattern secretNames) {
    if (value != null
        && value.length() >= MIN_LENGTH
        && (RunSnapshot.isSecret(name, secretNames)
            || name.startsWith("OTEL_EXPORTER_OTLP_HEADERS"))
        && !values.contains(value)) {
      values.add(value);
    }
  }

  String scrub(String s) {
    if (s == null || values.isEmpty()) {
      return s;
    }
    String out = s;
    for (String v : values) {
      if (out.contains(v)) {
        out = out.replace(v, RunSnapshot.REDACTED);
      }
    }
    return out;
  }

  /** A deep copy of {@code o} (maps, lists, strings, scalars) with every string scrubbed. */
  Object scrubAll(Object o) {
    if (o instanceof String) {
      return scrub((String) o);
    }
    if (o instanceof Map) {
      Map<Object, Object> m = new LinkedHashMap<>();
      ((Map<?, ?>) o).forEach((k, v) -> m.put(k, scrubAll(v)));
      return m;
    }
    if (o instanceof List) {
      List<Object> l = new ArrayList<>();
      for (Object e : (List<?>) o) {
        l.add(scrubAll(e));
      }
      return l;
    }
    return o;
  }
}
