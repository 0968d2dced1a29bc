/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Tracked;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Tracked tools with a known data flow, for lineage and impact tests. Every value has distinct
 * content, so a link by content hash can only be the intended one:
 *
 * <pre>
 *   "alpha" → load ─┐
 *   "beta"  → load ─┼→ combine ─┬→ upper ───┐           (fan-in; fan-out)
 *                   │           └→ reverse ─┴→ merge     (diamond)
 *                   └→ note ────────────────────────┐    (fan-out of load(beta))
 *   merge → passThrough (same object back) → report(t, t)  (one value consumed twice)
 *   report → analyze [→ stats on an executor thread, its result returned unchanged]
 *   analyze → tagAsync (CompletableFuture) → publish(tags, note)                 (fan-in)
 * </pre>
 */
public final class LineageApp {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  /** Released once tagAsync has returned, so its future is never done before it returns. */
  private static final CountDownLatch RETURNED = new CountDownLatch(1);

  private LineageApp() {}

  public static void main(String[] args) throws Exception {
    try {
      String a = load("alpha");
      String b = load("beta");
      String c = combine(a, b);
      String n = note(b);
      String d = merge(upper(c), reverse(c));
      String t = passThrough(d);
      Report r = report(t, t);
      Stats s = analyze(r);
      CompletableFuture<List<String>> pending = tagAsync(s);
      // Only now may the future complete: tagAsync has returned it unfinished, whatever the load.
      RETURNED.countDown();
      List<String> tags = pending.get();
      System.out.println(publish(tags, n));
    } finally {
      POOL.shutdown();
    }
  }

  /** A record: linked by content (class name and components) and by identity. */
  public record Report(String first, String second) {}

  /** The executor stage's result. */
  public record Stats(String of, int length) {}

  @Tracked
  static String load(String name) {
    return "loaded:" + name;
  }

  @Tracked
  static String combine(String left, String right) {
    return left + "+" + right;
  }

  @Tracked
  static String note(String source) {
    return "note about " + source;
  }

  @Tracked
  static String upper(String s) {
    return s.toUpperCase(java.util.Locale.ROOT);
  }

  @Tracked
  static String reverse(String s) {
    return new StringBuilder(s).reverse().toString();
  }

  @Tracked
  static String merge(String x, String y) {
    return x + "|" + y;
  }

  @Tracked
  static String passThrough(String value) {
    return value;
  }

  @Tracked
  static Report report(String first, String second) {
    return new Report(first, second);
  }

  @Tracked
  static Stats analyze(Report r) throws Exception {
    return POOL.submit(() -> stats(r)).get();
  }

  @Tracked
  static Stats stats(Report r) {
    return new Stats("report of " + r.first().length(), r.first().length() + r.second().length());
  }

  @Tracked
  static CompletableFuture<List<String>> tagAsync(Stats s) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            RETURNED.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return List.of("tag:" + s.of(), "len:" + s.length());
        },
        POOL);
  }

  @Tracked
  static String publish(List<String> tags, String remark) {
    return "published " + tags + " with " + remark;
  }
}
