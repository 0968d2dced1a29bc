/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

/**
 * Bounded, guarded text of a thrown exception for its record. {@code getMessage()} and {@code
 * toString()} of application exceptions may themselves throw, or be huge; neither escapes.
 */
final class ErrorText {
  private static final int MAX_FRAMES = 64;
  private static final int MAX_CAUSES = 4;
  private static final int MAX_CHARS = 16384;

  private ErrorText() {}

  static String message(Throwable t) {
    try {
      String m = t.getMessage();
      return m == null ? "" : m.length() > 4096 ? m.substring(0, 4096) : m;
    } catch (Throwable e) {
      return "<getMessage() threw " + e.getClass().getName() + ">";
    }
  }

  /** Like {@code printStackTrace}, bounded in frames, causes and characters. */
  static String stackTrace(Throwable t, StringBuilder sb) {
    sb.setLength(0);
    Throwable cur = t;
    for (int c = 0; cur != null && c <= MAX_CAUSES && sb.length() < MAX_CHARS; c++) {
      if (c > 0) {
        sb.append("Caused by: ");
      }
      sb.append(cur.getClass().getName());
      String m = message(cur);
      if (!m.isEmpty()) {
        sb.append(": ").append(m);
      }
      sb.append('\n');
      StackTraceElement[] st;
      try {
        st = cur.getStackTrace();
      } catch (Throwable e) {
        st = new StackTraceElement[0];
      }
      int n = Math.min(st.length, MAX_FRAMES);
      for (int i = 0; i < n && sb.length() < MAX_CHARS; i++) {
        sb.append("\tat ").append(st[i]).append('\n');
      }
      if (st.length > n) {
        sb.append("\t... ").append(st.length - n).append(" more\n");
      }
      Throwable next;
      try {
        next = cur.getCause();
      } catch (Throwable e) {
        next = null;
      }
      cur = next == cur ? null : next;
    }
    return sb.toString();
  }
}
