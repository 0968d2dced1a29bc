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
 * pkg.Class#method}, where {@code *} matches any run of characters (dots included), e.g. {@code
 * com.example.Foo#bar;org.lib.*#parse*}. Nested classes are written with {@code $}.
 */
final class MethodPatterns {
  private final List<Pattern[]> patterns = new ArrayList<>();

  MethodPatterns(List<String> specs) {
    for (String s : specs) {
      int hash = s.indexOf('#');
      patterns.add(new Pattern[] {glob(s.substring(0, hash)), glob(s.substring(hash + 1))});
    }
  }

  private static Pattern glob(String g) {
    StringBuilder re = new StringBuilder();
    for (String part : g.split("\\*", -1)) {
      if (re.length() > 0 || g.startsWith("*")) {
        re.append(".*");
      }
      re.append(Pattern.quote(part));
    }
    if (g.equals("*")) {
      return Pattern.compile(".*");
    }
    return Pattern.compile(re.toString().replace("\\Q\\E", ""));
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
