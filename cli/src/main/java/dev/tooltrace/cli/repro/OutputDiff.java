/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.repro;

import dev.tooltrace.record.CallRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares the outputs of two runs tool by tool. Calls are paired by tool and input hashes, in
 * start order (the n-th call of a tool with given inputs in run A with the n-th such call in run
 * B), so that a divergence is attributed to the call that produced it and not to the downstream
 * calls that merely received different inputs: those find no partner and are counted as "only in
 * A/B". The first divergence is the earliest (in run B) paired call whose output differs although
 * its inputs are equal.
 */
public final class OutputDiff {
  /** A call of run A paired with the call of run B that had equal inputs. */
  public record Pair(CallRecord a, CallRecord b, String outputA, String outputB) {
    public boolean comparable() {
      return CallSignature.comparable(CallSignature.inputs(a))
          && !outputA.equals(CallSignature.UNKNOWN)
          && !outputB.equals(CallSignature.UNKNOWN);
    }

    public boolean differs() {
      return comparable() && !outputA.equals(outputB);
    }
  }

  /** Per-tool figures. */
  public static final class ToolDiff {
    public final String tool;
    public int callsA;
    public int callsB;
    public int same;
    public int different;
    public int notComparable;
    public int onlyA;
    public int onlyB;
    public Pair firstDifferent;

    ToolDiff(String tool) {
      this.tool = tool;
    }
  }

  private final Map<String, ToolDiff> tools = new TreeMap<>();
  private Pair firstDifferent;

  public static OutputDiff of(List<CallRecord> runA, List<CallRecord> runB) {
    OutputDiff d = new OutputDiff();
    Map<String, Deque<CallRecord>> waiting = new HashMap<>();
    for (CallRecord a : runA) {
      d.tool(a.tool()).callsA++;
      waiting.computeIfAbsent(CallSignature.inputs(a), k -> new ArrayDeque<>()).add(a);
    }
    List<Pair> pairs = new ArrayList<>();
    for (CallRecord b : runB) {
      ToolDiff t = d.tool(b.tool());
      t.callsB++;
      Deque<CallRecord> q = waiting.get(CallSignature.inputs(b));
      CallRecord a = q == null ? null : q.poll();
      if (a == null) {
        t.onlyB++;
        continue;
      }
      pairs.add(new Pair(a, b, CallSignature.output(a), CallSignature.output(b)));
    }
    for (Deque<CallRecord> q : waiting.values()) {
      for (CallRecord a : q) {
        d.tool(a.tool()).onlyA++;
      }
    }
    for (Pair p : pairs) {
      ToolDiff t = d.tool(p.b().tool());
      if (!p.comparable()) {
        t.notComparable++;
      } else if (p.differs()) {
        t.different++;
        if (t.firstDifferent == null) {
          t.firstDifferent = p;
        }
        if (d.firstDifferent == null) {
          d.firstDifferent = p;
        }
      } else {
        t.same++;
      }
    }
    return d;
  }

  private ToolDiff tool(String name) {
    return tools.computeIfAbsent(name, ToolDiff::new);
  }

  public List<ToolDiff> tools() {
    return new ArrayList<>(tools.values());
  }

  /** The earliest call (in run B's start order) whose output differs with equal inputs, or null. */
  public Pair firstDifferent() {
    return firstDifferent;
  }

  /** Whether any paired call's output differs, or calls exist in only one run. */
  public boolean outputsDiffer() {
    for (ToolDiff t : tools.values()) {
      if (t.different > 0 || t.onlyA > 0 || t.onlyB > 0) {
        return true;
      }
    }
    return false;
  }
}
