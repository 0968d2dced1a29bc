/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.testapp;

import dev.tooltrace.Tracked;
import java.io.IOException;

/**
 * One tool per signature shape the advice generator must handle: each primitive kind as argument
 * and result, references, arrays, void, two-slot values between others, static and instance
 * methods, and a checked exception. Loaded and woven by {@code WeavingTest} in its own class
 * loader; never referenced directly.
 */
public class Shapes {
  private final int base = 100;

  @Tracked
  public static int addInts(int a, int b) {
    return a + b;
  }

  @Tracked
  public long twiceLong(long x) {
    return 2 * x + base;
  }

  @Tracked
  public static double halfFloat(float f) {
    return f / 2;
  }

  @Tracked
  public static float floatResult(double d) {
    return (float) d;
  }

  @Tracked
  public static boolean not(boolean b) {
    return !b;
  }

  @Tracked
  public static char next(byte b, short s, char c) {
    return (char) (c + b + s);
  }

  @Tracked
  public static String concat(String a, Object b) {
    return a + b;
  }

  @Tracked
  public static int[] reversed(int[] in) {
    int[] out = new int[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = in[in.length - 1 - i];
    }
    return out;
  }

  @Tracked
  public String mixed(long a, int b, double c, Object d, boolean e) {
    return a + "/" + b + "/" + c + "/" + d + "/" + e;
  }

  public static int sideEffects;

  @Tracked
  public static void nothing() {
    sideEffects++;
  }

  @Tracked
  public static Object same(Object o) {
    return o;
  }

  @Tracked
  public static void fails(String message) throws IOException {
    throw new IOException(message);
  }

  @Tracked
  public static int failsUnchecked(int x) {
    if (x > 0) {
      throw new IllegalStateException("x=" + x);
    }
    return x;
  }

  /** Annotated, but matched by the test's exclude pattern. */
  @Tracked
  public static int excludedDespiteAnnotation(int x) {
    return x;
  }

  /** Not a tool: no annotation, no include pattern. */
  public static int untracked(int x) {
    return x;
  }
}
