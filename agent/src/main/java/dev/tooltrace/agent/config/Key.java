/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.config;

import java.util.function.Function;

/**
 * One configuration key: its name, type, default, what it accepts (for the error line and the
 * README table) and how its text is parsed. A parser throws {@link IllegalArgumentException} for an
 * invalid value.
 */
public final class Key<T> {
  /** The kind of value, as the README table names it. */
  public enum Type {
    BOOLEAN("boolean"),
    TEXT("text"),
    PATH("path"),
    LIST("list"),
    MAP("map"),
    CHOICE("choice"),
    INTEGER("integer"),
    NUMBER("number"),
    SIZE("size"),
    DURATION("duration"),
    REGEX("regex");

    private final String label;

    Type(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  final String name;
  final Type type;
  final String defaultText;
  final String accepts;
  final String description;
  final Function<String, T> parser;

  Key(
      String name,
      Type type,
      String defaultText,
      String accepts,
      String description,
      Function<String, T> parser) {
    this.name = name;
    this.type = type;
    this.defaultText = defaultText;
    this.accepts = accepts;
    this.description = description;
    this.parser = parser;
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
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
