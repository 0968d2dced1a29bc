/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.weave;

import java.util.regex.Pattern;

/**
 * The one glob dialect of the configuration ({@code include}, {@code exclude}, {@code
 * capture.args}): {@code *} matches any run of characters, dots and {@code $} included; every other
 * character stands for itself. No {@code ?} and no character classes, so a Java name never needs
 * escaping.
 */
final class Globs {
  private Globs() {}

  /** The regular expression that matches exactly what {@code glob} matches. */
  static Pattern compile(String glob) {
    StringBuilder re = new StringBuilder();
    int from = 0;
    for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', from)) {
      quote(re, glob.substring(from, star));
      re.append(".*");
      from = star + 1;
    }
    quote(re, glob.substring(from));
    return Pattern.compile(re.toString());
  }

  private static void quote(StringBuilder re, String literal) {
    if (!literal.isEmpty()) {
      re.append(Pattern.quote(literal));
    }
  }
}
