/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tooltrace.exporter.Jackson;

/**
 * JSON for the CLI's outputs, through tooltrace's one Jackson configuration ({@link Jackson}):
 * pretty output, keys in the order they were built.
 */
public final class Json {
  /** The shared mapper ({@link Jackson#MAPPER}). */
  public static final ObjectMapper MAPPER = Jackson.MAPPER;

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Indented JSON of a tree or a record. */
  public static String pretty(Object value) {
    return Jackson.pretty(value);
  }

  /** One line, for line-delimited outputs (OpenLineage events). */
  public static String compact(Object value) {
    return Jackson.compact(value);
  }
}
