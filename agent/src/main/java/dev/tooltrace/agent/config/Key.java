/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.config;

import java.util.function.Function;

/**
 * One configuration key: its name, default, what it accepts (for the error line) and how its text
 * is parsed. A parser throws {@link IllegalArgumentException} for an invalid value.
 */
public final class Key<T> {
  final String name;
  final String defaultText;
  final String accepts;
  final String description;
  final Function<String, T> parser;

  Key(
      String name,
      String defaultText,
      String accepts,
      String description,
      Function<String, T> parser) {
    this.name = name;
    this.defaultText = defaultText;
    this.accepts = accepts;
    this.description = description;
    this.parser = parser;
  }

  public String name() {
    return name;
  }

  public String defaultText() {
    return defaultText;
  }

  public String accepts() {
    return accepts;
  }

  public String description() {
    return description;
  }

  /** The environment variable spelling: {@code TOOLTRACE_} + upper case, dots as underscores. */
  public String envName() {
    return "TOOLTRACE_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
  }
}
