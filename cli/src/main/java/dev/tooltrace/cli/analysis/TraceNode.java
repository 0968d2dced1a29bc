/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import dev.tooltrace.record.CallRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One call in a trace tree with its nested calls, ordered by start time. */
public final class TraceNode {
  private final CallRecord call;
  private final List<TraceNode> children = new ArrayList<>();
  private boolean parentMissing;

  TraceNode(CallRecord call) {
    this.call = call;
  }

  public CallRecord call() {
    return call;
  }

  public List<TraceNode> children() {
    return Collections.unmodifiableList(children);
  }

  /**
   * True when this call names a parent span that is not in the data read (its batch was not written
   * yet, the JVM died, or a filter left it out): the call is then shown as a root.
   */
  public boolean parentMissing() {
    return parentMissing;
  }

  void addChild(TraceNode n) {
    children.add(n);
  }

  void markParentMissing() {
    parentMissing = true;
  }

  void sortChildren() {
    children.sort(TraceForest.BY_START);
    for (TraceNode c : children) {
      c.sortChildren();
    }
  }

  /** This call and all calls nested in it. */
  public int size() {
    int n = 1;
    for (TraceNode c : children) {
      n += c.size();
    }
    return n;
  }
}
