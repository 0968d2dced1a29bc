/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.analysis.Recording;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.record.RunRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The runs of a queue in queue order, and the one rule by which a user names one of them — for
 * {@code --run}, {@code diff}'s RUN_A and RUN_B, {@code rerun-script}'s RUN and {@code evidence}:
 *
 * <ol>
 *   <li>{@code latest}: the run started last (the last RUN document in the queue; when no run left
 *       one, the last run met);
 *   <li>a full run id, in any case;
 *   <li>a run name ({@code run.name}): the latest run of that name, so a rerun script can name its
 *       run before it exists;
 *   <li>a unique prefix of a run id, in any case.
 * </ol>
 *
 * No match is exit code 1 naming the runs there; a prefix of several runs is exit code 2 naming
 * them.
 */
public final class RunCatalog {
  /** The reference that means the run started last. */
  public static final String LATEST = "latest";

  private final Set<String> ids = new LinkedHashSet<>();
  private final Map<String, String> names = new HashMap<>();
  private String lastStarted;

  /** A run that wrote its RUN document (a start, with its name). */
  public void addRun(RunRecord run) {
    addStartedRun(run.runId(), runName(run));
  }

  /** A run start: its id and {@code run.name} ("" for none), in queue order. */
  public void addStartedRun(String runId, String name) {
    ids.add(runId);
    names.put(runId, name);
    lastStarted = runId;
  }

  /** A run met only through its calls, samples or end. */
  public void addRunId(String runId) {
    ids.add(runId);
  }

  /** The catalog of everything in {@code rec}. */
  public static RunCatalog of(Recording rec) {
    RunCatalog c = new RunCatalog();
    for (String id : rec.runIds()) {
      RunRecord r = rec.run(id);
      if (r != null) {
        c.addRun(r);
      } else {
        c.addRunId(id);
      }
    }
    return c;
  }

  /** Every run id, in queue order. */
  public Set<String> ids() {
    return Collections.unmodifiableSet(ids);
  }

  /** The run {@code ref} names; throws {@link CliException} when none or several match. */
  public String resolve(String ref) {
    String wanted = ref.trim();
    if (ids.isEmpty()) {
      throw CliException.noData("the queue holds no run");
    }
    if (wanted.equalsIgnoreCase(LATEST)) {
      return latest();
    }
    String lower = wanted.toLowerCase(Locale.ROOT);
    for (String id : ids) {
      if (id.equalsIgnoreCase(lower)) {
        return id;
      }
    }
    String byName = null;
    for (String id : ids) {
      if (wanted.equals(names.get(id))) {
        byName = id; // queue order: the last one is the latest
      }
    }
    if (byName != null) {
      return byName;
    }
    List<String> matches = new ArrayList<>();
    for (String id : ids) {
      if (id.toLowerCase(Locale.ROOT).startsWith(lower)) {
        matches.add(id);
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw CliException.noData("no run " + ref + " in the queue (runs: " + list() + ")");
    }
    throw CliException.usage("run prefix " + ref + " is ambiguous: " + String.join(", ", matches));
  }

  /** The run {@code ref} names; when {@code ref} is null, the queue's only run. */
  public String resolveOrOnly(String ref) {
    if (ref != null) {
      return resolve(ref);
    }
    if (ids.size() == 1) {
      return ids.iterator().next();
    }
    if (ids.isEmpty()) {
      throw CliException.noData("the queue holds no run");
    }
    throw CliException.usage(
        "the queue holds several runs; choose one with --run (" + list() + ")");
  }

  private String latest() {
    if (lastStarted != null) {
      return lastStarted;
    }
    String last = null;
    for (String id : ids) {
      last = id;
    }
    return last;
  }

  private String list() {
    return ids.isEmpty() ? "none" : String.join(", ", ids);
  }

  /** The run's {@code run.name}, or "" when it has none (or its environment is unreadable). */
  public static String runName(RunRecord run) {
    try {
      return Json.MAPPER.readTree(run.environmentJson()).path("tooltrace.run.name").asText("");
    } catch (Exception e) {
      return "";
    }
  }
}
