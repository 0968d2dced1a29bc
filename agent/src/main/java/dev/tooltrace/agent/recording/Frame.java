/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import dev.tooltrace.record.Buf;

/**
 * One tracked call in progress. Frames are owned by a thread's {@link ThreadState} and reused level
 * by level, so a call allocates nothing; the woven code holds the frame only between its enter and
 * exit advice.
 */
final class Frame {
  final ThreadState owner;
  final int level;

  /** The arguments received so far, each encoded with the record contract's ValueEncoder. */
  final Buf args = new Buf(256);

  ToolInfo tool;
  long traceHi;
  long traceLo;
  long spanId;
  long parentSpanId;
  long startNano;
  double confidence;
  int flags;

  /** How many arguments were received (and written into {@link #args}). */
  int argIndex;

  Frame(ThreadState owner, int level) {
    this.owner = owner;
    this.level = level;
  }
}
