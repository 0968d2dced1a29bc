/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import java.util.ArrayList;
import java.util.List;

/**
 * Loaded by a throw-away class loader in {@link FaultApp}'s unload case: its calls (selected by an
 * include pattern) make the agent see values, results and exceptions of a class that must be able
 * to unload afterwards.
 */
public final class FaultUnloadTool {
  private final List<String> items = new ArrayList<>();

  public FaultUnloadTool add(String s) {
    items.add(s);
    return this;
  }

  public FaultUnloadTool merge(FaultUnloadTool other) {
    FaultUnloadTool t = new FaultUnloadTool();
    t.items.addAll(items);
    t.items.addAll(other.items);
    return t;
  }

  public int fail(int x) {
    throw new IllegalArgumentException("unload tool refuses " + x);
  }

  @Override
  public String toString() {
    return "FaultUnloadTool" + items;
  }
}
