/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.examples;

import dev.tooltrace.Tracked;

/** Shortens a document to a bounded summary. */
public final class Summarizer {
  private Summarizer() {}

  @Tracked(value = "summarizer.summarize", operation = "transform")
  public static String summarize(Parser.ParsedDocument doc, int maxChars) {
    String t = doc.text();
    return t.length() <= maxChars ? t : t.substring(0, maxChars - 3) + "...";
  }
}
