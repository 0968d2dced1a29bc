/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.analysis.Recording;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Resolves a user's {@code --run} (a full run id or a unique prefix) against a recording. */
public final class RunSelector {
  private RunSelector() {}

  /** The run id {@code wanted} names; throws {@link CliException} if none or several match. */
  public static String resolve(Recording rec, String wanted) {
    return resolve(rec.runIds(), wanted);
  }

  /** As {@link #resolve(Recording, String)}, against the run ids of a queue. */
  public static String resolve(Collection<String> runIds, String wanted) {
    String w = wanted.trim().toLowerCase(Locale.ROOT);
    List<String> matches = new ArrayList<>();
    for (String id : runIds) {
      if (id.equals(w)) {
        return id;
      }
      if (id.startsWith(w)) {
        matches.add(id);
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new CliException(
          ExitCodes.NO_DATA, "no run " + wanted + " in the queue (runs: " + list(runIds) + ")");
    }
    throw new CliException(
        ExitCodes.USAGE, "run prefix " + wanted + " is ambiguous: " + String.join(", ", matches));
  }

  /** The single run of the recording, or the one {@code wanted} names when given. */
  public static String resolveOrOnly(Recording rec, String wanted) {
    if (wanted != null) {
      return resolve(rec, wanted);
    }
    if (rec.runIds().size() == 1) {
      return rec.runIds().iterator().next();
    }
    if (rec.runIds().isEmpty()) {
      throw new CliException(ExitCodes.NO_DATA, "the queue holds no run");
    }
    throw new CliException(
        ExitCodes.USAGE,
        "the queue holds several runs; choose one with --run (" + list(rec.runIds()) + ")");
  }

  private static String list(Collection<String> runIds) {
    return runIds.isEmpty() ? "none" : String.join(", ", runIds);
  }
}
