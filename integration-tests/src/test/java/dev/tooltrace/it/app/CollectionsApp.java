/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Tracked;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tracked tools whose data flows through collections, with a known flow for each shape of issue 14
 * (every value has distinct content, so a link by content can only be the intended one):
 *
 * <pre>
 *   load → [d0, d1, d2] ─→ summarize(d_i) ×3                 (fan-out: elements of a returned list)
 *   topic(d_i) ×3; summaries ─→ merge(List)                   (fan-in: a list of outputs)
 *   {topic_i → summary_i} ─→ index(Map)                       (a map of outputs, keys and values)
 *   tokenize ×2 ─→ join(String[])                             (an array)
 *   label ×2 ─→ process(Batch(List))                          (a record holding a list)
 *   make(shared) ─→ left([shared, make(l)]), right([shared, make(r)])   (one element, two lists)
 *   make(first), make(second) ─→ count(list); list += make(third) ─→ count(list)  (mutated later)
 * </pre>
 */
public final class CollectionsApp {
  private CollectionsApp() {}

  /** A loaded document: a record of plain values (hashed whole, never walked into). */
  public record Doc(String id, String text) {}

  /** A record holding a list: its elements take part in lineage. */
  public record Batch(List<String> items) {}

  public static void main(String[] args) {
    List<Doc> docs = load(3);
    List<String> summaries = new ArrayList<>();
    for (Doc d : docs) {
      summaries.add(summarize(d));
    }
    String digest = merge(summaries);

    Map<String, String> byTopic = new LinkedHashMap<>();
    for (int i = 0; i < docs.size(); i++) {
      byTopic.put(topic(docs.get(i)), summaries.get(i));
    }
    String index = index(byTopic);

    String joined = join(new String[] {tokenize("alpha text"), tokenize("beta text")});
    String processed = process(new Batch(List.of(label("x"), label("y"))));

    String shared = make("shared");
    String left = left(List.of(shared, make("left only")));
    String right = right(List.of(shared, make("right only")));

    List<String> growing = new ArrayList<>(List.of(make("first"), make("second")));
    String before = count(growing);
    growing.add(make("third"));
    String after = count(growing);

    System.out.println(
        String.join(" | ", digest, index, joined, processed, left, right, before, after));
  }

  @Tracked
  static List<Doc> load(int n) {
    List<Doc> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      docs.add(new Doc("doc-" + i, "text of document " + i));
    }
    return docs;
  }

  @Tracked
  static String summarize(Doc d) {
    return "summary of " + d.id();
  }

  @Tracked
  static String topic(Doc d) {
    return "topic of " + d.id();
  }

  @Tracked
  static String merge(List<String> summaries) {
    return "merged " + summaries.size() + " summaries";
  }

  @Tracked
  static String index(Map<String, String> byTopic) {
    return "indexed " + byTopic.size() + " topics";
  }

  @Tracked
  static String tokenize(String text) {
    return "tokens of " + text;
  }

  @Tracked
  static String join(String[] parts) {
    return "joined " + parts.length + " token lists";
  }

  @Tracked
  static String label(String s) {
    return "label " + s;
  }

  @Tracked
  static String process(Batch b) {
    return "processed a batch of " + b.items().size();
  }

  @Tracked
  static String make(String what) {
    return "made " + what;
  }

  @Tracked
  static String left(List<String> l) {
    return "left side of " + l.size();
  }

  @Tracked
  static String right(List<String> l) {
    return "right side of " + l.size();
  }

  @Tracked
  static String count(List<String> l) {
    return "counted " + l.size() + " items";
  }
}
