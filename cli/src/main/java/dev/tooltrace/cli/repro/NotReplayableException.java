/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.repro;

/** Why a recorded call cannot be replayed; the message is shown to the user as the reason. */
final class NotReplayableException extends Exception {
  private static final long serialVersionUID = 1L;

  NotReplayableException(String reason) {
    super(reason);
  }
}
