/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.weave;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which tools record their arguments in full ({@code capture.args}), or have their values always
 * hashed exactly ({@code capture.hash}, where a glob may also name {@code tool#param}): {@code
 * false} or empty for none, {@code true} or {@code *} for all, else globs ({@link Globs}) separated
 * by {@code ;} or {@code ,}. A tool annotated {@code @Tracked(captureArguments = true)} captures
 * regardless.
 */
final class CaptureRule {
  private CaptureRule() {}

  static Predicate<String> parse(String spec) {
    String s = spec == null ? "" : spec.trim();
    if (s.isEmpty() || s.equalsIgnoreCase("false")) {
      return name -> false;
    }
    if (s.equalsIgnoreCase("true") || s.equals("*")) {
      return name -> true;
    }
    List<Pattern> ps = new ArrayList<>();
    for (String p : s.split("[;,]")) {
      if (!p.isBlank()) {
        ps.add(Globs.compile(p.trim()));
      }
    }
    return name -> ps.stream().anyMatch(p -> p.matcher(name).matches());
  }
}
