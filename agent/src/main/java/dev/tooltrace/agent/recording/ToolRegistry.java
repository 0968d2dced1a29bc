/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import java.util.ArrayList;
import java.util.List;

/**
 * Tool ids, assigned at weave time and compiled into the woven code as constants. The hot path
 * reads {@code tools[id]} from a volatile array; registration (rare) copies on grow.
 */
public final class ToolRegistry {
  private static final Object LOCK = new Object();
  private static volatile ToolInfo[] tools = new ToolInfo[64];
  private static int next = 1; // 0 is never a valid id

  private ToolRegistry() {}

  /** Reserves the next id. */
  public static int reserveId() {
    synchronized (LOCK) {
      return next++;
    }
  }

  public static void register(ToolInfo info) {
    synchronized (LOCK) {
      int id = info.block.toolId;
      ToolInfo[] t = tools;
      if (id >= t.length) {
        ToolInfo[] n = new ToolInfo[Math.max(t.length * 2, id + 1)];
        System.arraycopy(t, 0, n, 0, t.length);
        t = n;
      }
      t[id] = info;
      tools = t;
    }
  }

  static ToolInfo get(int id) {
    ToolInfo[] t = tools;
    return id > 0 && id < t.length ? t[id] : null;
  }

  public static List<ToolInfo> all() {
    List<ToolInfo> out = new ArrayList<>();
    for (ToolInfo i : tools) {
      if (i != null) {
        out.add(i);
      }
    }
    return out;
  }
}
