/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import java.util.HashMap;
import java.util.Map;

/** {@code key=value} arguments of the driver mains: run-all.sh is their only caller. */
final class Args {
  private final Map<String, String> values = new HashMap<>();

  Args(String[] args) {
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("argument '" + a + "' is not key=value");
      }
      values.put(a.substring(0, eq), a.substring(eq + 1));
    }
  }

  String text(String key, String def) {
    return values.getOrDefault(key, def);
  }

  long number(String key, long def) {
    String v = values.get(key);
    return v == null ? def : Long.parseLong(v.replace("_", ""));
  }
}
