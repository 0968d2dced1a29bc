/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Tracked;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A large generated run: {@code chains} identical load → tokenize → count chains on {@code threads}
 * threads, three calls each; every thousandth count fails. The report must collapse them into a
 * handful of graph nodes. (The last parameter is {@code words}, not {@code tokens}: the agent's
 * default {@code redact.names} pattern matches "token" and would redact it, which cuts lineage.)
 *
 * <p>Arguments: {@code chains threads}.
 */
public final class ChainsApp {
  private ChainsApp() {}

  public static void main(String[] args) throws Exception {
    int chains = Integer.parseInt(args[0]);
    int threads = Integer.parseInt(args[1]);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<long[]>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        parts.add(
            pool.submit(
                () -> {
                  long sum = 0;
                  long failed = 0;
                  for (int i = first; i < chains; i += threads) {
                    try {
                      sum += count(tokenize(load(i)));
                    } catch (IllegalStateException e) {
                      failed++;
                    }
                  }
                  return new long[] {sum, failed};
                }));
      }
      long sum = 0;
      long failed = 0;
      for (Future<long[]> f : parts) {
        sum += f.get()[0];
        failed += f.get()[1];
      }
      System.out.println("chains " + chains + " tokens " + sum + " failed " + failed);
    } finally {
      pool.shutdown();
    }
  }

  @Tracked(value = "chain.load", operation = "load")
  static String load(int id) {
    return "document " + id + " alpha beta gamma";
  }

  @Tracked(value = "chain.tokenize", operation = "parse")
  static List<String> tokenize(String text) {
    return List.of(text.split(" "));
  }

  @Tracked(value = "chain.count", operation = "aggregate")
  static int count(List<String> words) {
    if (Integer.parseInt(words.get(1)) % 1000 == 999) {
      throw new IllegalStateException("chain " + words.get(1) + " rejected");
    }
    return words.size();
  }
}
