/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.analysis.Recording;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Resolves a user's {@code --run} (a full run id or a unique prefix) against a recording. */
public final class RunSelector {
  private RunSelector() {}

  /** The run id {@code wanted} names; throws {@link CliException} if none or several match. */
  public static String resolve(Recording rec, String wanted) {
    String w = wanted.trim().toLowerCase(Locale.ROOT);
    List<String> matches = new ArrayList<>();
    for (String id : rec.runIds()) {
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
          ExitCodes.NO_DATA, "no run " + wanted + " in the queue (runs: " + list(rec) + ")");
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
        ExitCodes.USAGE, "the queue holds several runs; choose one with --run (" + list(rec) + ")");
  }

  private static String list(Recording rec) {
    return rec.runIds().isEmpty() ? "none" : String.join(", ", rec.runIds());
  }
}
