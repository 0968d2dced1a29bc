/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.weave;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Method selection by configuration, for code whose source you cannot annotate: patterns {@code
 * pkg.Class#method}, each half a glob ({@link Globs}: {@code *} matches any run of characters, dots
 * included), e.g. {@code com.example.Foo#bar;org.lib.*#parse*}. Nested classes are written with
 * {@code $}.
 */
final class MethodPatterns {
  private final List<Pattern[]> patterns = new ArrayList<>();

  MethodPatterns(List<String> specs) {
    for (String s : specs) {
      int hash = s.indexOf('#');
      patterns.add(
          new Pattern[] {
            Globs.compile(s.substring(0, hash)), Globs.compile(s.substring(hash + 1))
          });
    }
  }

  boolean isEmpty() {
    return patterns.isEmpty();
  }

  /** Whether any pattern's class part matches {@code className} (binary name, dots). */
  boolean matchesClass(String className) {
    for (Pattern[] p : patterns) {
      if (p[0].matcher(className).matches()) {
        return true;
      }
    }
    return false;
  }

  boolean matches(String className, String methodName) {
    for (Pattern[] p : patterns) {
      if (p[0].matcher(className).matches() && p[1].matcher(methodName).matches()) {
        return true;
      }
    }
    return false;
  }
}
