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

  public ToolInfo(
      ToolBlock block, boolean[] redacted, boolean redactReturn, boolean captureArgs, int flags) {
    this(block, redacted, redactReturn, captureArgs, flags, false);
  }

  public ToolInfo(
      ToolBlock block,
      boolean[] redacted,
      boolean redactReturn,
      boolean captureArgs,
      int flags,
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
  }

  public ToolBlock block() {
    return block;
  }

  public String name() {
    return block.name;
  }
}
