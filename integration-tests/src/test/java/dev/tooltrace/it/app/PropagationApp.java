/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Tracked;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Work handed to executors and asynchronous tools, for context propagation tests. */
public final class PropagationApp {
  private PropagationApp() {}

  public static void main(String[] args) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      System.out.println("parent=" + parent(pool));
      System.out.println("async=" + asyncTool(pool).get());
      try {
        asyncFail(pool).get();
      } catch (java.util.concurrent.ExecutionException e) {
        System.out.println("asyncFail=" + e.getCause().getMessage());
      }
      System.out.println("untracked=" + pool.submit(() -> child(1)).get());
    } finally {
      pool.shutdown();
    }
  }

  @Tracked
  static int parent(ExecutorService pool) throws Exception {
    Future<Integer> f = pool.submit(() -> child(21));
    return f.get();
  }

  @Tracked
  static int child(int x) {
    return x * 2;
  }

  @Tracked
  static CompletableFuture<String> asyncTool(ExecutorService pool) {
    return CompletableFuture.supplyAsync(
        () -> {
          sleep(60);
          return "done";
        },
        pool);
  }

  @Tracked
  static CompletableFuture<String> asyncFail(ExecutorService pool) {
    return CompletableFuture.supplyAsync(
        () -> {
          sleep(20);
          throw new IllegalArgumentException("async boom");
        },
        pool);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
