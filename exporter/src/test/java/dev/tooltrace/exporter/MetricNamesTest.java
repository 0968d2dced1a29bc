/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link MetricNames} and ARCHITECTURE.md's metric table name the same instruments. */
class MetricNamesTest {
  private static final Pattern NAME =
      Pattern.compile("`((?:tooltrace|process|system|jvm)\\.[a-z.]+)`");

  private static Set<String> constants() throws IllegalAccessException {
    Set<String> names = new TreeSet<>();
    for (Field f : MetricNames.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())
          && f.getType() == String.class
          && !f.getName().endsWith("METER")) {
        names.add((String) f.get(null));
      }
    }
    return names;
  }

  /** The instrument column (the first cell) of every row of the metric table. */
  private static Set<String> documented() throws Exception {
    Path file = Path.of("").toAbsolutePath().getParent().resolve("ARCHITECTURE.md");
    String doc = Files.readString(file, StandardCharsets.UTF_8);
    int start = doc.indexOf("## Metric names");
    assertTrue(start >= 0, "ARCHITECTURE.md has a '## Metric names' section");
    int end = doc.indexOf("\n## ", start + 1);
    Set<String> names = new TreeSet<>();
    for (String line : doc.substring(start, end < 0 ? doc.length() : end).lines().toList()) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String instrumentCell = line.split("\\|")[1];
      Matcher m = NAME.matcher(instrumentCell);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  @Test
  void theTableAndTheConstantsAgree() throws Exception {
    assertEquals(constants(), documented());
  }

  @Test
  void namesFollowOpenTelemetryConventions() throws Exception {
    for (String n : constants()) {
      assertTrue(n.matches("[a-z]+(\\.[a-z]+)+"), n);
      assertTrue(!n.endsWith(".total"), n + ": Prometheus would drop a _total suffix");
    }
  }
}
