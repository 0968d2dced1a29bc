/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.evidence;

import java.time.Instant;

final class Times {
  private Times() {}

  static String iso(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos).toString();
  }
}
