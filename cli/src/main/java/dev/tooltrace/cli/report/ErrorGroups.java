/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.report;

import dev.tooltrace.cli.report.ReportModel.CallView;
import dev.tooltrace.cli.report.ReportModel.ErrorGroup;
import dev.tooltrace.record.CallRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Failed calls grouped by exception type: how many, from which tools, how many distinct messages,
 * and the first failure with its stack trace. At most {@link Limits#ERROR_GROUPS} types; failures
 * of further types are counted in one group.
 */
final class ErrorGroups {
  static final String OTHER = "(other exception types)";
  private static final int MESSAGES_COUNTED = 1000;

  private final long t0;
  private final Map<String, Group> groups = new LinkedHashMap<>();

  private static final class Group {
    long count;
    final Map<String, Long> tools = new TreeMap<>();

    /** Hash codes of the distinct messages (counting them needs no more). */
    final Set<Integer> messages = new HashSet<>();

    CallView example;
  }

  ErrorGroups(long t0) {
    this.t0 = t0;
  }

  void add(CallRecord c) {
    if (!c.error()) {
      return;
    }
    CallRecord.ErrorInfo e = c.errorInfo();
    String type = e == null || e.type() == null || e.type().isEmpty() ? "(unknown)" : e.type();
    Group g = groups.get(type);
    if (g == null) {
      if (groups.size() >= Limits.ERROR_GROUPS) {
        type = OTHER;
        g = groups.computeIfAbsent(OTHER, k -> new Group());
      } else {
        g = new Group();
        groups.put(type, g);
      }
    }
    g.count++;
    g.tools.merge(c.tool(), 1L, Long::sum);
    if (g.messages.size() < MESSAGES_COUNTED && e != null && e.message() != null) {
      g.messages.add(e.message().hashCode());
    }
    if (g.example == null) {
      g.example = Views.call(c, t0, true);
    }
  }

  /** The groups, most frequent first. */
  List<ErrorGroup> model() {
    List<ErrorGroup> out = new ArrayList<>();
    groups.forEach(
        (type, g) -> out.add(new ErrorGroup(type, g.count, g.tools, g.messages.size(), g.example)));
    out.sort(Comparator.comparingLong(ErrorGroup::count).reversed());
    return out;
  }
}
