/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

/**
 * Library code the user cannot annotate: no {@code @Tracked} anywhere. The fault suite selects its
 * methods with {@code include}/{@code exclude} patterns only.
 */
public final class FaultPlainLib {
  private FaultPlainLib() {}

  public static int parseInt(String s) {
    return Integer.parseInt(s.trim());
  }

  public static double parseDouble(String s) {
    return Double.parseDouble(s.trim());
  }

  /** Matches {@code #parse*} too, but is excluded: exclude wins. */
  public static String parseSecret(String s) {
    return "*".repeat(s.length());
  }

  /** Private methods are selectable by pattern as well. */
  private static String normalise(String s) {
    return s.strip().toLowerCase(java.util.Locale.ROOT);
  }

  public static String format(int a, double b) {
    return normalise(" Sum " + (a + b) + " ");
  }

  /** Not matched by any pattern. */
  public static int untracked(int x) {
    return x * 2;
  }
}
