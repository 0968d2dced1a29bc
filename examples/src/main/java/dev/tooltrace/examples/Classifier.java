/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.examples;

import dev.tooltrace.Tooltrace;
import dev.tooltrace.Tracked;
import java.util.List;

/** A toy "model": labels a document by keywords and reports how sure it is. */
public final class Classifier {
  private Classifier() {}

  /** The labels the model knows. */
  public enum Label {
    HISTORY,
    SCIENCE,
    UNKNOWN
  }

  @Tracked(value = "model.classify", operation = "model")
  public static Label classify(Parser.ParsedDocument doc, List<String> entities) {
    int science = score(doc.text(), "compiler", "trajectories", "paths", "Engine");
    int history = score(doc.text(), "codebreaking", "Navy", "London", "Park");
    Label label =
        science > history ? Label.SCIENCE : history > science ? Label.HISTORY : Label.UNKNOWN;
    double confidence = label == Label.UNKNOWN ? 0.3 : Math.min(1.0, 0.55 + 0.1 * entities.size());
    Tooltrace.confidence(confidence);
    return label;
  }

  private static int score(String text, String... words) {
    int s = 0;
    for (String w : words) {
      if (text.contains(w)) {
        s++;
      }
    }
    return s;
  }
}
