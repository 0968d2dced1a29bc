/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.examples.scale;

import dev.tooltrace.Tooltrace;
import dev.tooltrace.Tracked;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tools of the fan-in pipeline: per document {@code load → tokenize → count}, then {@code
 * merge} of a list of per-document counts. Text is deterministic (a seeded choice of words from a
 * small vocabulary) so that every document, token list and count map has its own content hash and
 * two runs of the generator record the same values.
 */
public final class WordCountTools {
  private static final String[] WORDS = {
    "data", "model", "pipeline", "token", "batch", "vector", "graph", "query", "index", "value",
    "lineage", "impact", "record", "queue", "trace", "span", "tool", "input", "output", "merge",
    "count", "load", "parse", "label", "score", "train", "test", "split", "join", "filter"
  };

  private WordCountTools() {}

  /** A loaded document. */
  public record Document(String id, String text) {}

  /** Loads document {@code id}; every 1000th document is missing (an exception). */
  @Tracked(value = "scale.load", operation = "load")
  public static Document load(long id) {
    if (id % 1000 == 999) {
      throw new IllegalStateException("document " + id + " is missing");
    }
    StringBuilder text = new StringBuilder();
    long x = id * 0x9E3779B97F4A7C15L + 1;
    int words = 8 + (int) Math.floorMod(id, 8);
    for (int i = 0; i < words; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      if (i > 0) {
        text.append(' ');
      }
      text.append(WORDS[(int) Math.floorMod(x, WORDS.length)]);
    }
    text.append(' ').append(id);
    return new Document("doc-" + id, text.toString());
  }

  /** Splits a document into words; reports a confidence (lower for short documents). */
  @Tracked(value = "scale.tokenize", operation = "transform")
  public static List<String> tokenize(Document doc) {
    List<String> tokens = new ArrayList<>();
    for (String t : doc.text().split(" ")) {
      tokens.add(t);
    }
    Tooltrace.confidence(tokens.size() >= 12 ? 0.99 : 0.9);
    return tokens;
  }

  /**
   * Counts the words of one document. (A parameter named {@code tokens} would be redacted by the
   * default {@code redact.names}, which matches "token".)
   */
  @Tracked(value = "scale.count", operation = "aggregate")
  public static Map<String, Integer> count(List<String> words) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String t : words) {
      counts.merge(t, 1, Integer::sum);
    }
    return counts;
  }

  /** Merges the counts of a batch of documents: fan-in through a list. */
  @Tracked(value = "scale.merge", operation = "aggregate")
  public static Map<String, Integer> merge(List<Map<String, Integer>> counts) {
    Map<String, Integer> total = new TreeMap<>();
    for (Map<String, Integer> c : counts) {
      c.forEach((k, v) -> total.merge(k, v, Integer::sum));
    }
    return total;
  }

  /** One document through the pipeline; returns its counts (the value {@code count} made). */
  @Tracked(value = "scale.process", operation = "pipeline")
  public static Map<String, Integer> process(long id) {
    Document d = load(id);
    return count(tokenize(d));
  }
}
