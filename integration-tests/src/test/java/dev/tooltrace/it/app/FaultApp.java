/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Tracked;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault suite's application: one case per mode (first argument). It prints only what it
 * observes itself (results, the errors it caught), never timings, so that its output with the agent
 * must equal its output without it, byte for byte.
 */
public final class FaultApp {
  private FaultApp() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "config":
        config();
        break;
      case "work":
        work(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        break;
      case "hostile":
        hostile();
        break;
      case "errors":
        errors();
        break;
      case "threads":
        threads(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        break;
      case "interrupt":
        interrupt();
        break;
      case "unload":
        unload(Path.of(args[1]));
        break;
      default:
        throw new IllegalArgumentException("unknown mode " + args[0]);
    }
    System.out.println("done");
  }

  // ---- selection by configuration ----------------------------------------------------------

  private static void config() {
    int a = FaultPlainLib.parseInt(" 41 ");
    double b = FaultPlainLib.parseDouble("1.5");
    System.out.println("secret=" + FaultPlainLib.parseSecret("hunter2"));
    System.out.println("format=" + FaultPlainLib.format(a, b));
    System.out.println("untracked=" + FaultPlainLib.untracked(a));
  }

  // ---- steady work (disk budget, OTLP faults, unwritable queue, corrupt files) --------------

  @Tracked
  static long step(long i, String label) {
    return inner(i) + label.length();
  }

  @Tracked
  static long inner(long i) {
    return i * 3 + 1;
  }

  private static void work(int batches, int pauseMillis) throws InterruptedException {
    long sum = 0;
    for (int b = 0; b < batches; b++) {
      for (int i = 0; i < 100; i++) {
        sum += step(b * 100L + i, "batch-" + b);
      }
      if (pauseMillis > 0) {
        Thread.sleep(pauseMillis);
      }
    }
    System.out.println("work sum=" + sum);
  }

  // ---- hostile arguments ---------------------------------------------------------------------

  /** An argument whose toString, hashCode and equals throw. */
  static final class Evil {
    @Override
    public String toString() {
      throw new UnsupportedOperationException("no toString");
    }

    @Override
    public int hashCode() {
      throw new UnsupportedOperationException("no hashCode");
    }

    @Override
    public boolean equals(Object o) {
      throw new UnsupportedOperationException("no equals");
    }
  }

  @Tracked
  static String kind(Object o) {
    return o.getClass().getSimpleName();
  }

  @Tracked
  static Object same(Object o) {
    return o;
  }

  /** An argument whose toString() is slow (it would build a huge string, say). */
  static final class Slow {
    @Override
    public String toString() {
      try {
        Thread.sleep(3);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "slow-to-print";
    }
  }

  @Tracked
  static int weigh(Object o) {
    return 1;
  }

  @Tracked
  static int length(String s) {
    return s.length();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void hostile() {
    System.out.println("evil=" + kind(new Evil()));
    System.out.println("evil returned=" + (same(new Evil()) != null));
    List<Object> self = new ArrayList<>();
    self.add("a");
    self.add(self);
    System.out.println("self list=" + kind(self) + " " + (same(self) == self));
    List<Object> a = new ArrayList<>();
    List<Object> b = new ArrayList<>();
    a.add(b);
    b.add(a);
    a.add(new Evil());
    System.out.println("list cycle=" + kind(a) + " " + (same(b) == b));
    Map<String, Object> m1 = new HashMap<>();
    Map<String, Object> m2 = new HashMap<>();
    m1.put("next", m2);
    m2.put("back", m1);
    m2.put("self", m2);
    System.out.println("map cycle=" + kind(m1) + " " + (same(m2) == m2));
    List wide = new ArrayList();
    for (int i = 0; i < 8; i++) {
      wide.add(wide);
    }
    System.out.println("wide cycle=" + kind(wide));
    int weight = 0;
    for (int i = 0; i < 7; i++) {
      weight += weigh(new Slow());
    }
    System.out.println("slow=" + weight);
    String huge = "x".repeat(100_000_000);
    System.out.println("huge=" + length(huge) + " " + (same(huge) == huge));
  }

  // ---- errors thrown by tools ----------------------------------------------------------------

  @Tracked
  static int recurse(int n) {
    return recurse(n + 1) + 1;
  }

  @Tracked
  static int throwOom(int n) {
    throw new OutOfMemoryError("synthetic " + n);
  }

  @Tracked
  static int fillHeap(int chunkKb) {
    List<long[]> hog = new ArrayList<>();
    while (true) {
      hog.add(new long[chunkKb * 128]);
    }
  }

  @Tracked
  static String after(int i) {
    return afterInner(i) + "!";
  }

  @Tracked
  static String afterInner(int i) {
    return "after" + i;
  }

  private static void errors() throws Exception {
    Throwable[] caught = new Throwable[1];
    Thread deep =
        new Thread(
            null,
            () -> {
              try {
                recurse(0);
              } catch (StackOverflowError e) {
                caught[0] = e;
              }
              System.out.println(
                  "recurse threw "
                      + caught[0].getClass().getName()
                      + " message="
                      + caught[0].getMessage());
              System.out.println("deep thread " + after(1) + " " + after(2));
            },
            "deep",
            512 * 1024);
    deep.start();
    deep.join();
    OutOfMemoryError synthetic = null;
    try {
      throwOom(7);
    } catch (OutOfMemoryError e) {
      synthetic = e;
    }
    System.out.println("throwOom threw " + synthetic.getMessage());
    System.out.println("main " + after(3));
    try {
      fillHeap(1024);
    } catch (OutOfMemoryError e) {
      System.out.println("fillHeap threw " + e.getClass().getName() + ": " + e.getMessage());
    }
    System.out.println("main " + after(4));
    try {
      recurse(0);
    } catch (StackOverflowError e) {
      System.out.println("main recurse threw " + e.getClass().getName());
    }
    System.out.println("main " + after(5));
  }

  // ---- many threads ----------------------------------------------------------------------

  @Tracked
  static long perThread(int thread, int call) {
    return (long) thread * 1000 + call;
  }

  private static void threads(int n, int calls) throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    AtomicLong sum = new AtomicLong();
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      int id = t;
      Thread th =
          new Thread(
              null,
              () -> {
                ready.countDown();
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                for (int c = 0; c < calls; c++) {
                  sum.addAndGet(perThread(id, c));
                }
              },
              "t-" + t,
              256 * 1024);
      all.add(th);
      th.start();
    }
    ready.await();
    go.countDown();
    for (Thread th : all) {
      th.join();
    }
    System.out.println("threads=" + n + " sum=" + sum.get());
  }

  // ---- interrupted threads ----------------------------------------------------------------

  /**
   * Tracked calls on threads whose interrupt flag is set, several at once so that appends wait for
   * the queue's write lock: the flag must survive them.
   */
  private static void interrupt() throws InterruptedException {
    AtomicLong sum = new AtomicLong();
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; i < 5000; i++) {
                  Thread.currentThread().interrupt();
                  sum.addAndGet(step(i, "interrupted"));
                  if (!Thread.interrupted()) {
                    System.out.println("interrupt flag lost");
                  }
                }
              });
      all.add(th);
      th.start();
    }
    for (Thread th : all) {
      th.join();
    }
    System.out.println("interrupt sum=" + sum.get());
  }

  // ---- a dropped class loader --------------------------------------------------------------

  private static void unload(Path classes) throws Exception {
    WeakReference<ClassLoader> ref = useAndDrop(classes);
    boolean collected = false;
    for (int i = 0; i < 100 && !collected; i++) {
      System.gc();
      Thread.sleep(20);
      collected = ref.get() == null;
    }
    System.out.println("loader collected=" + collected);
  }

  private static WeakReference<ClassLoader> useAndDrop(Path classes) throws Exception {
    URLClassLoader loader =
        new URLClassLoader(
            "fault-unload",
            new URL[] {classes.toUri().toURL()},
            ClassLoader.getPlatformClassLoader());
    Class<?> c = loader.loadClass("dev.tooltrace.it.app.FaultUnloadTool");
    System.out.println("loaded by own loader=" + (c.getClassLoader() == loader));
    Method add = c.getMethod("add", String.class);
    Method merge = c.getMethod("merge", c);
    Method fail = c.getMethod("fail", int.class);
    Object t1 = c.getConstructor().newInstance();
    Object t2 = c.getConstructor().newInstance();
    add.invoke(t1, "a");
    add.invoke(t2, "b");
    Object merged = merge.invoke(t1, t2);
    System.out.println("merged=" + merged);
    try {
      fail.invoke(merged, 3);
    } catch (java.lang.reflect.InvocationTargetException e) {
      System.out.println("fail threw " + e.getCause());
    }
    loader.close();
    return new WeakReference<>(loader);
  }
}
