/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import dev.tooltrace.Tracked;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/**
 * The pipeline-shaped tool (issue 16): called in a flat loop, every call its own outermost call,
 * with a 60-character {@code String} argument that tooltrace hashes and previews as by default. It
 * carries {@code @Tracked} and {@code @WithSpan}, and Kieker's aop.xml names it, so every
 * configuration measures the same bytecode. The body is as small as a tool can be and still use its
 * argument.
 */
public class FlatTool {
  @Tracked
  @WithSpan
  public int process(String line) {
    return line.length() ^ line.charAt(7);
  }
}
