/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import dev.tooltrace.cli.analysis.ProvenanceGraph.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The usages of one call being assembled from its resolved references ({@link ValueLinking#inputs}
 * order), part of the linking rule: one usage per value node, its roles joined by "," in the order
 * met, its links joined by "; " unless one reference was the whole value (then no link), probable
 * only if every reference to it was; a returned reference to a value the call already uses adds
 * nothing. The in-memory graph ({@link ProvenanceGraphBuilder}) and the persistent index both
 * assemble usages here, so they cannot differ in how references become edges.
 */
public final class CallUsages {
  private final Map<String, Set<String>> roles = new LinkedHashMap<>();
  private final Map<String, Set<String>> links = new LinkedHashMap<>();
  private final Map<String, Boolean> whole = new HashMap<>();
  private final Map<String, Boolean> exact = new HashMap<>();

  /**
   * One resolved reference: to value node {@code valueId}, with the parameter's {@code role}, the
   * edge label {@code link} ({@link ValueLinking#link}; null value to value), whether the link is
   * only {@code probable}, and whether the reference is the call's {@code returned} value (or an
   * element of it).
   */
  public void add(String valueId, String role, String link, boolean probable, boolean returned) {
    if (returned && roles.containsKey(valueId)) {
      return; // a value the call also took as an argument keeps that role
    }
    roles.computeIfAbsent(valueId, k -> new LinkedHashSet<>()).add(role);
    if (link == null) {
      whole.put(valueId, true);
    } else {
      links.computeIfAbsent(valueId, k -> new LinkedHashSet<>()).add(link);
    }
    exact.merge(valueId, !probable, Boolean::logicalOr);
  }

  /** The usages of call {@code spanId}, in the order their values were first met. */
  public List<Usage> build(String spanId) {
    List<Usage> out = new ArrayList<>();
    roles.forEach(
        (id, r) -> {
          String link =
              whole.containsKey(id) ? null : String.join("; ", links.getOrDefault(id, Set.of()));
          out.add(new Usage(spanId, id, String.join(",", r), link, !exact.get(id)));
        });
    return out;
  }
}
