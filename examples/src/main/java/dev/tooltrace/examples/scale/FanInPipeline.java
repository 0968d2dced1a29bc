/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.examples.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A generator of recorded calls at scale, run under the agent: a word-count pipeline with fan-in
 * through lists. Per document one {@code scale.process} call with {@code scale.load}, {@code
 * scale.tokenize} and {@code scale.count} nested in it (four calls; a missing document stops after
 * {@code load}), and after every {@code batch} documents one {@code scale.merge} of the list of
 * their counts.
 *
 * <p>Usage: {@code FanInPipeline [calls=10000000] [batch=100]}. It stops once at least {@code
 * calls} tracked calls were made and prints how many, with the span of the last merge.
 */
public final class FanInPipeline {
  private FanInPipeline() {}

  public static void main(String[] args) {
    long calls = 10_000_000L;
    int batch = 100;
    for (String a : args) {
      if (a.startsWith("calls=")) {
        calls = Long.parseLong(a.substring(6).replace("_", ""));
      } else if (a.startsWith("batch=")) {
        batch = Integer.parseInt(a.substring(6));
      } else {
        System.err.println("usage: FanInPipeline [calls=N] [batch=N]");
        System.exit(2);
      }
    }
    long made = 0;
    long docs = 0;
    long merges = 0;
    List<Map<String, Integer>> pending = new ArrayList<>(batch);
    while (made < calls) {
      try {
        pending.add(WordCountTools.process(docs));
        made += 4;
      } catch (IllegalStateException missing) {
        made += 2;
      }
      docs++;
      if (pending.size() == batch) {
        WordCountTools.merge(pending);
        made++;
        merges++;
        pending = new ArrayList<>(batch);
      }
    }
    if (!pending.isEmpty()) {
      WordCountTools.merge(pending);
      made++;
      merges++;
    }
    System.out.println(
        "calls=" + made + " documents=" + docs + " merges=" + merges + " batch=" + batch);
  }
}
