/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Redacted;
import dev.tooltrace.Tooltrace;
import dev.tooltrace.Tracked;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test application exercising every method shape the agent must weave. It prints what it observes
 * (results, exception identity, stack traces) so that a run with the agent can be compared byte for
 * byte with a run without it.
 */
public final class ShapesApp {
  static IOException thrownChecked;

  private ShapesApp() {}

  public static void main(String[] args) throws Exception {
    System.out.println("add=" + add(2, 3));
    System.out.println("mul=" + new ShapesApp.Calc().mul(6L, 7L));
    noop("x");
    System.out.println("arr=" + Arrays.toString(arr(1.5f, 2.5, 'c', (byte) 4, (short) 5, true)));
    System.out.println("concat=" + concat("a", List.of(1, 2)));
    try {
      checked("boom");
    } catch (IOException e) {
      System.out.println("checked: same instance=" + (e == thrownChecked));
      print(e);
    }
    try {
      unchecked(7);
    } catch (IllegalStateException e) {
      print(e);
    }
    System.out.println("fact=" + fact(5));
    System.out.println("greet=" + new Greeter() {}.greet("ann"));
    System.out.println("plus=" + new Point(1, 2).plus(new Point(3, 4)));
    System.out.println("apply=" + Op.ADD.apply(2, 2));
    System.out.println("nested=" + Nested.nested());
    WholeClass w = new WholeClass();
    System.out.println("whole=" + w.a() + w.b() + w.callsPrivate());
    System.out.println("level1=" + level1("in"));
    System.out.println("evil=" + describe(new Evil()));
    String huge = "z".repeat(10_000_000);
    System.out.println("huge=" + length(huge));
    System.out.println("secret=" + login("alice", "hunter2-very-secret"));
    System.out.println("confident=" + confident(0.9) + "," + confident(1.5));
    List<Thread> threads = new ArrayList<>();
    int[] sums = new int[4];
    for (int t = 0; t < 4; t++) {
      int idx = t;
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; i < 50; i++) {
                  sums[idx] += add(i, idx);
                }
              },
              "worker-" + t);
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    System.out.println("sums=" + Arrays.toString(sums));
  }

  private static void print(Throwable e) {
    System.out.println(e);
    for (StackTraceElement el : e.getStackTrace()) {
      if (el.getClassName().startsWith("dev.tooltrace.it.app")) {
        System.out.println("  at " + el);
      }
    }
  }

  @Tracked
  static int add(int a, int b) {
    return a + b;
  }

  static final class Calc {
    @Tracked(value = "custom.name", operation = "compute")
    long mul(long a, long b) {
      return a * b;
    }
  }

  @Tracked
  static void noop(String s) {}

  @Tracked
  static double[] arr(float f, double d, char c, byte b, short s, boolean z) {
    return new double[] {f, d, c, b, s, z ? 1 : 0};
  }

  @Tracked
  static String concat(String a, Object b) {
    return a + b;
  }

  @Tracked
  static void checked(String msg) throws IOException {
    thrownChecked = new IOException(msg);
    throw thrownChecked;
  }

  @Tracked
  static int unchecked(int x) {
    throw new IllegalStateException("bad " + x);
  }

  @Tracked
  static int fact(int n) {
    return n <= 1 ? 1 : n * fact(n - 1);
  }

  interface Greeter {
    @Tracked
    default String greet(String name) {
      return "hello " + name;
    }
  }

  record Point(int x, int y) {
    @Tracked
    Point plus(Point o) {
      return new Point(x + o.x, y + o.y);
    }
  }

  enum Op {
    ADD;

    @Tracked
    int apply(int a, int b) {
      return a + b;
    }
  }

  static final class Nested {
    @Tracked
    static String nested() {
      return "n";
    }
  }

  @Tracked
  public static final class WholeClass {
    public int a() {
      return 1;
    }

    public String b() {
      return "b";
    }

    public int callsPrivate() {
      return c();
    }

    private int c() {
      return 3;
    }
  }

  @Tracked
  static String level1(String s) {
    return level2(s + "1");
  }

  @Tracked
  static String level2(String s) {
    return level3(s + "2");
  }

  @Tracked
  static String level3(String s) {
    return s + "3";
  }

  /** An argument whose toString and hashCode throw. */
  static final class Evil {
    @Override
    public String toString() {
      throw new UnsupportedOperationException("no toString for you");
    }

    @Override
    public int hashCode() {
      throw new UnsupportedOperationException("no hashCode for you");
    }

    @Override
    public boolean equals(Object o) {
      throw new UnsupportedOperationException("no equals for you");
    }
  }

  @Tracked
  static String describe(Object o) {
    return "described " + o.getClass().getSimpleName();
  }

  @Tracked
  static int length(String s) {
    return s.length();
  }

  @Tracked
  static boolean login(String user, @Redacted String password) {
    return password.length() > 3;
  }

  @Tracked
  static double confident(double c) {
    Tooltrace.confidence(c);
    return c;
  }
}
