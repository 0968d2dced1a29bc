/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.examples;

import dev.tooltrace.Tracked;
import java.util.ArrayList;
import java.util.List;

/** Extracts capitalised words that are not sentence starts: a toy named-entity extractor. */
public final class Extractor {
  private Extractor() {}

  @Tracked(value = "extractor.entities", operation = "extract")
  public static List<String> extract(Parser.ParsedDocument doc) {
    List<String> out = new ArrayList<>();
    List<String> tokens = doc.tokens();
    for (int i = 1; i < tokens.size(); i++) {
      String t = tokens.get(i);
      if (!t.isEmpty() && Character.isUpperCase(t.charAt(0)) && !t.equals("Document")) {
        out.add(t);
      }
    }
    return out;
  }
}
