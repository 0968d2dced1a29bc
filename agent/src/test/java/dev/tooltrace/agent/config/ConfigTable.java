/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * README.md's configuration table, rendered from {@link Keys} (the way Elastic's agent generates
 * its configuration docs from its option definitions). The table sits between two marker comments
 * so that it can be found, compared and replaced without touching the prose around it.
 */
final class ConfigTable {
  static final String BEGIN =
      "<!-- config-table: generated from agent/src/main/java/dev/tooltrace/agent/config/Keys.java"
          + " by ConfigTableTest; edit Keys, not this table -->";
  static final String END = "<!-- /config-table -->";
  private static final Pattern BLOCK =
      Pattern.compile(Pattern.quote(BEGIN) + "\n(.*?)" + Pattern.quote(END), Pattern.DOTALL);

  private ConfigTable() {}

  /** The table, one row per key in definition order, each line ending with a newline. */
  static String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("| key | type | default | accepts | what it does |\n");
    b.append("|---|---|---|---|---|\n");
    for (Key<?> k : Keys.all().values()) {
      b.append("| `")
          .append(k.name())
          .append("` | ")
          .append(k.type().label())
          .append(" | ")
          .append(k.defaultText().isEmpty() ? "*(empty)*" : "`" + cell(k.defaultText()) + "`")
          .append(" | ")
          .append(cell(k.accepts()))
          .append(" | ")
          .append(cell(k.description()))
          .append(" |\n");
    }
    return b.toString();
  }

  /** The generated part of {@code readme}, or null when the markers are missing. */
  static String extract(String readme) {
    Matcher m = BLOCK.matcher(readme);
    return m.find() ? m.group(1) : null;
  }

  /** {@code readme} with the generated part replaced by {@code table}. */
  static String replace(String readme, String table) {
    Matcher m = BLOCK.matcher(readme);
    if (!m.find()) {
      throw new IllegalArgumentException("no " + BEGIN + " ... " + END + " block");
    }
    return readme.substring(0, m.start(1)) + table + readme.substring(m.end(1));
  }

  /** A table cell: a '|' would end the cell, even inside backticks. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
