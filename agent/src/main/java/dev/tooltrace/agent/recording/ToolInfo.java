/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import dev.tooltrace.record.PrimitiveValues;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ToolBlock;

/**
 * What the recorder needs to know about one tool on its hot path, decided once at weave time: its
 * pre-encoded block, which parameters are redacted, whether arguments are captured in full.
 */
public final class ToolInfo {
  final ToolBlock block;
  final boolean[] redacted;
  final boolean redactReturn;
  final boolean captureArgs;
  final char[] paramTags;
  final char returnTag;
  final int flags;

  /** Whether each call's thread CPU time and allocation are measured ({@code capture.cost}). */
  final boolean captureCost;

  /**
   * The description budget of each parameter, and of the return value at index {@code paramCount}.
   */
  final ValueBudget[] budgets;

  public ToolInfo(
      ToolBlock block, boolean[] redacted, boolean redactReturn, boolean captureArgs, int flags) {
    this(block, redacted, redactReturn, captureArgs, flags, new boolean[0], false);
  }

  /**
   * @param hashExact per parameter, and for the return value at index {@code paramCount}: whether
   *     {@code capture.hash} selects it (always hashed exactly); missing entries are false
   * @param captureCost whether each call's thread CPU time and allocation are measured
   */
  public ToolInfo(
      ToolBlock block,
      boolean[] redacted,
      boolean redactReturn,
      boolean captureArgs,
      int flags,
      boolean[] hashExact,
      boolean captureCost) {
    this.block = block;
    this.captureCost = captureCost && ThreadCost.AVAILABLE;
    this.redacted = redacted.clone();
    this.redactReturn = redactReturn;
    this.captureArgs = captureArgs;
    this.flags = captureArgs ? flags | RecordFormat.FLAG_ARGS_CAPTURED : flags;
    this.paramTags = new char[block.paramCount()];
    for (int i = 0; i < paramTags.length; i++) {
      String t = block.paramTypes.get(i);
      paramTags[i] = t.indexOf('.') < 0 ? PrimitiveValues.tag(t) : 0;
    }
    String r = block.returnType;
    this.returnTag = r.indexOf('.') < 0 ? PrimitiveValues.tag(r) : 0;
    int n = block.paramCount();
    this.budgets = new ValueBudget[n + 1];
    for (int i = 0; i <= n; i++) {
      String key = i == n ? "return" : block.paramNames.get(i);
      budgets[i] = new ValueBudget(block.name, key, i < hashExact.length && hashExact[i]);
    }
  }

  /** The budget of parameter {@code i}, or of the return value for {@code i == paramCount}. */
  ValueBudget budget(int i) {
    return i < budgets.length ? budgets[i] : null;
  }

  ValueBudget returnBudget() {
    return budgets[budgets.length - 1];
  }

  public ToolBlock block() {
    return block;
  }

  public String name() {
    return block.name;
  }
}
