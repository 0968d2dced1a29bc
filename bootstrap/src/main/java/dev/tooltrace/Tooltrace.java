/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace;

import dev.tooltrace.bootstrap.Bridge;

/**
 * The small API a tool may call. Every method is a no-op (or returns an empty value) when the agent
 * is not attached, so code using it runs unchanged without tooltrace.
 */
public final class Tooltrace {

  private Tooltrace() {}

  /**
   * Reports the confidence, in [0, 1], of the result the current tracked call is about to return. A
   * value outside [0, 1] or NaN is rejected: the agent logs one line naming the tool and records
   * the confidence as missing. Outside a tracked call, or without the agent, nothing happens.
   */
  public static void confidence(double confidence) {
    Bridge.confidence(confidence);
  }

  /** Whether the agent is attached and tracking is enabled. */
  public static boolean isActive() {
    return Bridge.isActive();
  }

  /** The W3C trace id (32 hex chars) of the current tracked call, or "" outside one. */
  public static String currentTraceId() {
    return Bridge.currentTraceId();
  }

  /** The W3C span id (16 hex chars) of the current tracked call, or "" outside one. */
  public static String currentSpanId() {
    return Bridge.currentSpanId();
  }
}
