/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import dev.tooltrace.Tracked;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.util.List;

/**
 * Tools that do constant work on a large argument (issue 20's matcher handed the whole buffer once
 * per position) and on a list (the cost per element of issue 14). Both annotations, so every agent
 * measures the very same bytecode.
 */
public class LargeArgsTools {
  @Tracked
  @WithSpan
  public int charAt(String text, int pos) {
    return text.charAt(pos % text.length());
  }

  @Tracked
  @WithSpan
  public int byteAt(byte[] data, int pos) {
    return data[pos % data.length];
  }

  @Tracked
  @WithSpan
  public int first(List<String> items, int pos) {
    return items.isEmpty() ? pos : items.get(pos % items.size()).length();
  }
}
