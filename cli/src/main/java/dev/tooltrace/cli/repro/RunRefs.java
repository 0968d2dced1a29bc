/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.repro;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tooltrace.cli.RunSelector;
import dev.tooltrace.cli.analysis.Recording;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.record.RunRecord;

/**
 * Resolves a run reference: a full run id, a run name ({@code run.name}; the latest run of that
 * name wins, so a rerun script can name its run before it exists), or a unique id prefix.
 */
public final class RunRefs {
  private RunRefs() {}

  public static String resolve(Recording rec, String ref) {
    if (rec.runIds().contains(ref)) {
      return ref;
    }
    String byName = null;
    for (String id : rec.runIds()) {
      RunRecord r = rec.run(id);
      if (r != null && ref.equals(name(r))) {
        byName = id; // runs are in queue order: the last one is the latest
      }
    }
    return byName != null ? byName : RunSelector.resolve(rec, ref);
  }

  private static String name(RunRecord r) {
    try {
      JsonNode env = Json.MAPPER.readTree(r.environmentJson());
      return env.path("tooltrace.run.name").asText("");
    } catch (Exception e) {
      return "";
    }
  }
}
