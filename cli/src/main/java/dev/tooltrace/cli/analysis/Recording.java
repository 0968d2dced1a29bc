/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.ChainLink;
import dev.tooltrace.record.RunEndRecord;
import dev.tooltrace.record.RunRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything read from one queue, in queue order. Calls arrive child-first and interleaved across
 * threads, so nothing here assumes an order beyond "as appended"; the analyses sort as they need.
 */
public final class Recording {
  private final Map<String, RunRecord> runs = new LinkedHashMap<>();
  private final Map<String, RunEndRecord> runEnds = new LinkedHashMap<>();
  private final List<CallRecord> calls = new ArrayList<>();
  private final Map<String, RunChain> chains = new LinkedHashMap<>();

  /**
   * A run's place in the queue's hash chain: the link of its RUN document (its anchor, "" when the
   * RUN document is not chained or not read) and of its last document (its head).
   */
  public record RunChain(String anchorLink, long anchorSeq, String headLink, long headSeq) {}

  public void addRun(RunRecord run) {
    runs.putIfAbsent(run.runId(), run);
  }

  public void addRunEnd(RunEndRecord end) {
    runEnds.put(end.runId(), end);
  }

  public void addCall(CallRecord call) {
    calls.add(call);
  }

  /** The chain link of a document of {@code runId} (after its records were added). */
  public void addChainLink(long queueIndex, String runId, ChainLink link) {
    RunRecord run = runs.get(runId);
    RunChain c = chains.get(runId);
    String anchor = c == null ? "" : c.anchorLink();
    long anchorSeq = c == null ? -1 : c.anchorSeq();
    if (run != null && run.queueIndex() == queueIndex) {
      anchor = link.linkHex();
      anchorSeq = link.seq();
    }
    String head = c == null ? "" : c.headLink();
    long headSeq = c == null ? -1 : c.headSeq();
    if (link.seq() >= headSeq) {
      head = link.linkHex();
      headSeq = link.seq();
    }
    chains.put(runId, new RunChain(anchor, anchorSeq, head, headSeq));
  }

  /** The chain of {@code runId}, or null when none of its documents is chained. */
  public RunChain chain(String runId) {
    return chains.get(runId);
  }

  public List<CallRecord> calls() {
    return Collections.unmodifiableList(calls);
  }

  /** The RUN snapshot of {@code runId}, or null when it was not recorded (or not kept). */
  public RunRecord run(String runId) {
    return runs.get(runId);
  }

  /** The RUN_END record of {@code runId}, or null when the run has not ended in order. */
  public RunEndRecord runEnd(String runId) {
    return runEnds.get(runId);
  }

  /** Every run id seen, in order of first appearance (RUN documents first, then calls). */
  public Set<String> runIds() {
    Set<String> ids = new LinkedHashSet<>(runs.keySet());
    for (CallRecord c : calls) {
      ids.add(c.runId());
    }
    return ids;
  }

  public boolean isEmpty() {
    return calls.isEmpty() && runs.isEmpty() && runEnds.isEmpty();
  }

  /** A new recording holding only the calls that pass {@code keep} (runs are kept whole). */
  public Recording filter(Predicate<CallRecord> keep) {
    Recording r = new Recording();
    r.runs.putAll(runs);
    r.runEnds.putAll(runEnds);
    r.chains.putAll(chains);
    for (CallRecord c : calls) {
      if (keep.test(c)) {
        r.calls.add(c);
      }
    }
    return r;
  }
}
