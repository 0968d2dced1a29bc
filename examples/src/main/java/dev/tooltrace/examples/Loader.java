/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.examples;

import dev.tooltrace.Tracked;
import dev.tooltrace.examples.DocumentPipeline.RawDocument;
import java.util.ArrayList;
import java.util.List;

/** Loads documents from a simulated source: deterministic text, every seventh one malformed. */
public final class Loader {
  private static final String[] TOPICS = {
    "Ada Lovelace wrote notes on the Analytical Engine in London.",
    "Grace Hopper built the first compiler for the Navy in Philadelphia.",
    "Alan Turing worked on codebreaking at Bletchley Park.",
    "Katherine Johnson computed trajectories for NASA in Virginia.",
    "Edsger Dijkstra described shortest paths in Amsterdam.",
  };

  private Loader() {}

  @Tracked(value = "loader.load", operation = "load")
  public static List<RawDocument> load(int count) {
    List<RawDocument> docs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String text = TOPICS[i % TOPICS.length] + " Document number " + i + ".";
      if (i % 7 == 6) {
        text = "%%corrupt%% " + i;
      }
      docs.add(new RawDocument(String.format("doc-%03d", i), text));
    }
    return docs;
  }
}
