/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The adaptive part of the per-call budget for describing values, for one parameter (or the return
 * value) of one tool: whether its values are still hashed exactly or already switched to sampled
 * hashes. Like the {@code toString()} guard, the verdict is per parameter and final: once
 * describing the parameter's value cost more than the budget <em>and</em> much more ({@value
 * #CALL_FACTOR} times) than the call itself on {@link #SWITCH_AFTER} calls in a row, its later
 * values are described cheaply (a sampled hash, fewer elements). Consecutive calls, not an average:
 * one slow description (a GC pause, a descheduled thread) never switches a parameter, and one cheap
 * call (a short value) resets the count. The factor keeps the switch for values that cost far more
 * to describe than the tool spends on them (a 1 MB buffer handed to an O(1) matcher: a factor in
 * the hundreds), not for the first calls of a JVM, when the agent's code and the tool's both still
 * run interpreted and cost about alike.
 *
 * <p>Shared by the threads calling the tool; a lost update only delays the verdict by a call.
 */
final class ValueBudget {
  /** Consecutive over-budget descriptions before a parameter is switched to sampled hashes. */
  static final int SWITCH_AFTER = 5;

  /** How many times the call's own duration a description must exceed to count against it. */
  static final int CALL_FACTOR = 4;

  final String tool;

  /** How the report names it: "parameter 'text'" or "the return value". */
  final String param;

  /** How {@code capture.hash} names it after '#': the parameter's name, or "return". */
  final String paramKey;

  /** Selected by {@code capture.hash}: always hashed exactly, never switched. */
  final boolean pinned;

  /** Set once: the parameter's values are described in sampled mode from now on. */
  volatile boolean sampled;

  private final AtomicInteger overInARow = new AtomicInteger();

  /** The costs that led to the switch, for the one line that reports it. */
  volatile long lastDescribeNanos;

  volatile long lastCallNanos;

  ValueBudget(String tool, String paramKey, boolean pinned) {
    this.tool = tool;
    this.paramKey = paramKey;
    this.param = paramKey.equals("return") ? "the return value" : "parameter '" + paramKey + "'";
    this.pinned = pinned;
  }

  /**
   * Judges one description that took {@code describeNanos} for a call whose own work took {@code
   * callNanos}; returns true exactly once, when this description switches the parameter.
   */
  boolean judge(long describeNanos, long callNanos, long budgetNanos) {
    if (pinned || sampled || budgetNanos <= 0) {
      return false;
    }
    if (describeNanos <= budgetNanos || describeNanos <= CALL_FACTOR * callNanos) {
      if (overInARow.get() != 0) {
        overInARow.set(0);
      }
      return false;
    }
    lastDescribeNanos = describeNanos;
    lastCallNanos = callNanos;
    if (overInARow.incrementAndGet() < SWITCH_AFTER) {
      return false;
    }
    synchronized (this) {
      if (sampled) {
        return false;
      }
      sampled = true;
      return true;
    }
  }
}
