/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import dev.tooltrace.Tooltrace;
import dev.tooltrace.Tracked;

/**
 * Fills a queue for the export drain: run with {@code -javaagent:tooltrace-agent.jar=dir=Q,
 * export=none}, it makes {@code calls} tracked calls as small pipelines of three: {@code ingest}
 * (the outermost call, one queue document) calls {@code parse} with a 60-character text and a limit
 * and {@code classify} on its result, which reports a confidence and, every third pipeline, throws
 * (an error span with an exception event, and an error log). Values are hashed and previewed as by
 * default, so the records are what a real pipeline leaves behind.
 *
 * <p>Arguments: {@code calls=N}. Prints the calls made.
 */
public final class DrainApp {
  static volatile int sink;

  private DrainApp() {}

  @Tracked
  static String parse(String text, int limit) {
    return text.length() > limit ? text.substring(0, limit) : text.toUpperCase();
  }

  @Tracked
  static String classify(String text, boolean fail) {
    Tooltrace.confidence(0.25 + (text.length() % 7) / 10.0);
    if (fail) {
      throw new IllegalStateException("model not loaded for '" + text.substring(0, 8) + "'");
    }
    return text.length() % 2 == 0 ? "even" : "odd";
  }

  @Tracked
  static int ingest(String doc, int n) {
    String parsed = parse(doc, 48 + n % 16);
    try {
      return classify(parsed, n % 3 == 2).length();
    } catch (IllegalStateException e) {
      return -1;
    }
  }

  public static void main(String[] argv) {
    Args a = new Args(argv);
    long calls = a.number("calls", 300_000);
    long pipelines = calls / 3;
    String base = "the quick brown fox jumps over the lazy dog, document number ";
    int s = 0;
    for (long i = 0; i < pipelines; i++) {
      String doc = base.substring(0, 48) + (1_000_000_000L + i); // 58-60 characters, all distinct
      s += ingest(doc, (int) i);
    }
    sink = s;
    System.out.println(pipelines * 3);
  }
}
