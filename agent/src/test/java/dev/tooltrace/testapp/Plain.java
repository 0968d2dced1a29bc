/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.testapp;

/**
 * A library class that cannot be annotated: {@code AdviceGeneratorTest} tracks its {@code parse*}
 * methods by an include pattern and excludes {@code parseSecret}. Its bytes never mention the
 * annotation, so only the name pre-filter lets it reach Byte Buddy.
 */
public class Plain {
  public static int parseInt(String s) {
    return Integer.parseInt(s);
  }

  public static String parseSecret(String s) {
    return s.trim();
  }

  public static int render(int x) {
    return x;
  }
}
