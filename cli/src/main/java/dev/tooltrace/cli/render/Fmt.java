/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.render;

import dev.tooltrace.record.ValueRecord;
import java.time.Instant;
import java.util.Locale;

/** Human-readable numbers, times and value previews for the text outputs. */
public final class Fmt {
  private Fmt() {}

  /** A duration with a unit that keeps 3 significant digits: ns, µs, ms or s. */
  public static String duration(long nanos) {
    if (nanos < 1_000) {
      return nanos + " ns";
    }
    if (nanos < 1_000_000) {
      return num(nanos / 1e3) + " µs";
    }
    if (nanos < 1_000_000_000) {
      return num(nanos / 1e6) + " ms";
    }
    return num(nanos / 1e9) + " s";
  }

  private static String num(double v) {
    if (v >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (v >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** ISO-8601 UTC with the recorded precision (nanoseconds). */
  /** A byte count with a binary unit: 512 B, 1.5 KiB, 12 MiB, 3.2 GiB. */
  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return num(v) + " " + units[u];
  }

  public static String time(long epochNanos) {
    return instant(epochNanos).toString();
  }

  public static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
  }

  public static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  public static String decimal(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** At most {@code max} chars of {@code s} on one line, "…" marking a cut. */
  public static String shorten(String s, int max) {
    String one = s.replace("\r", "").replace('\n', ' ').replace('\t', ' ');
    if (one.length() <= max) {
      return one;
    }
    return one.substring(0, Math.max(0, max - 1)) + "…";
  }

  /** A value's preview, cut to {@code max}, with "…" when the agent or we cut it. */
  public static String preview(ValueRecord v, int max) {
    String p = shorten(v.preview(), max);
    if (v.previewTruncated() && !p.endsWith("…")) {
      p = p + "…";
    }
    return p;
  }

  /** The simple name of a Java type name ("java.util.List" gives "List"). */
  public static String simpleType(String type) {
    if (type == null || type.isEmpty()) {
      return "";
    }
    int lt = type.indexOf('<');
    String base = lt < 0 ? type : type.substring(0, lt);
    int dot = base.lastIndexOf('.');
    return (dot < 0 ? base : base.substring(dot + 1)) + (lt < 0 ? "" : type.substring(lt));
  }

  /** The first 8 hex digits: enough to tell values apart on screen. */
  public static String shortHash(String hash) {
    return hash == null ? "-" : hash.substring(0, Math.min(8, hash.length()));
  }
}
