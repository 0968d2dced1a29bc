/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.util.Collection;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers and booleans as JSON. The agent uses it for the few JSON
 * fields of the record contract (run environment, end counters) so that it does not have to
 * initialise a JSON library at JVM start; readers parse them with Jackson.
 */
public final class Json {
  private Json() {}

  public static String write(Object value) {
    StringBuilder sb = new StringBuilder(256);
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        string(sb, String.valueOf(e.getKey()));
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof Collection) {
      sb.append('[');
      boolean first = true;
      for (Object e : (Collection<?>) v) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(sb, e);
      }
      sb.append(']');
    } else if (v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        sb.append("null");
      } else {
        sb.append(v);
      }
    } else {
      string(sb, v.toString());
    }
  }

  /**
   * Appends {@code s} as a JSON string. Quote, backslash and control characters are escaped, and so
   * is a lone surrogate (half of a pair without its other half): it has no UTF-8 form, so written
   * raw it would turn into '?' on its way to the queue, while {@code \\uXXXX} keeps the exact Java
   * string. Well-formed pairs are written as they are.
   */
  public static void string(StringBuilder sb, CharSequence s) {
    sb.append('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20) {
            unicodeEscape(sb, c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < n
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            unicodeEscape(sb, c);
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  private static void unicodeEscape(StringBuilder sb, char c) {
    sb.append("\\u");
    for (int shift = 12; shift >= 0; shift -= 4) {
      sb.append(Character.forDigit((c >> shift) & 0xF, 16));
    }
  }
}
