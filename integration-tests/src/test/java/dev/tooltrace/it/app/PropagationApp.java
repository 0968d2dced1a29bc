/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Tracked;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;

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
      System.out.println("execute=" + viaExecute(pool));
      System.out.println("supplyAsync=" + viaSupplyAsync());
      System.out.println("thenApplyAsync=" + viaThenApplyAsync(pool));
      System.out.println("parallel=" + viaParallelStream());
      ThreadPoolExecutor careless = carelessPool();
      try {
        System.out.println("careless=" + viaCarelessPool(careless));
        // The pool's afterExecute forgets super: the next task must not inherit the context.
        System.out.println("afterwards=" + runOn(careless, () -> leaf("afterwards", 7)));
      } finally {
        careless.shutdown();
      }
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

  @Tracked
  static int leaf(String via, int x) {
    return x + via.length();
  }

  /** A plain Runnable through ThreadPoolExecutor.execute. */
  @Tracked
  static int viaExecute(ExecutorService pool) throws Exception {
    return runOn(pool, () -> leaf("execute", 1));
  }

  private static int runOn(java.util.concurrent.Executor pool, IntSupplier work)
      throws InterruptedException {
    AtomicInteger out = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);
    pool.execute(
        () -> {
          out.set(work.getAsInt());
          done.countDown();
        });
    done.await();
    return out.get();
  }

  /** The default executor of CompletableFuture (common pool, or a thread per task). */
  @Tracked
  static int viaSupplyAsync() {
    return CompletableFuture.supplyAsync(() -> leaf("supplyAsync", 2)).join();
  }

  @Tracked
  static int viaThenApplyAsync(ExecutorService pool) {
    return CompletableFuture.supplyAsync(
            () -> {
              sleep(20);
              return 3;
            },
            pool)
        .thenApplyAsync(x -> leaf("thenApplyAsync", x), pool)
        .join();
  }

  /** A parallel stream inside a dedicated pool: every element runs on a pool worker. */
  @Tracked
  static int viaParallelStream() throws Exception {
    ForkJoinPool fj = new ForkJoinPool(2);
    try {
      return fj.submit(
              () ->
                  IntStream.range(0, 32)
                      .parallel()
                      .map(
                          i -> {
                            sleep(1);
                            return leaf("parallel", i);
                          })
                      .sum())
          .get();
    } finally {
      fj.shutdown();
    }
  }

  private static ThreadPoolExecutor carelessPool() {
    return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
      @Override
      protected void afterExecute(Runnable r, Throwable t) {
        // does not call super.afterExecute
      }
    };
  }

  @Tracked
  static int viaCarelessPool(ThreadPoolExecutor pool) throws Exception {
    return runOn(pool, () -> leaf("careless", 5));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
