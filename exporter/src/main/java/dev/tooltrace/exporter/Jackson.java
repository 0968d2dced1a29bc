/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The one Jackson configuration of tooltrace, for the exporter (run environments), the agent (the
 * health endpoint) and the CLI (every JSON output). It lives here because this is the lowest module
 * that reads JSON; an {@link ObjectMapper} is thread-safe once configured, so one instance serves
 * all. Jackson's defaults are kept on purpose: output is pretty-printed through {@link #pretty} or
 * one line through {@link #compact}, and keys come out in the order they were built.
 */
public final class Jackson {
  /** The shared mapper: reading trees, building nodes, serialising records. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
  private static final ObjectWriter COMPACT = MAPPER.writer();

  private Jackson() {}

  /** {@code value} as indented JSON. */
  public static String pretty(Object value) {
    try {
      return PRETTY.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** {@code value} as indented JSON in UTF-8. */
  public static byte[] prettyBytes(Object value) {
    try {
      return PRETTY.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** {@code value} as JSON on one line, for line-delimited outputs. */
  public static String compact(Object value) {
    try {
      return COMPACT.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
