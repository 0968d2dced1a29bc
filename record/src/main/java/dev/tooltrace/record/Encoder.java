/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/**
 * Writes the documents that are not call batches — RUN, SAMPLE, RUN_END — whole, each into a
 * cleared {@link Buf}, and the document header every writer starts with. CALLS documents are {@link
 * BatchWriter}'s; values are {@link ValueEncoder}'s.
 */
public final class Encoder {
  private Encoder() {}

  static void docHeader(Buf b, byte type) {
    b.u8(RecordFormat.MAGIC).u8(RecordFormat.VERSION).u8(type);
  }

  /** A whole RUN document: the run's start and its environment snapshot (a JSON object). */
  public static void run(
      Buf b, long runHi, long runLo, long startEpochNanos, long pid, String json) {
    docHeader(b, RecordFormat.DOC_RUN);
    b.i64(runHi).i64(runLo).i64(startEpochNanos).i64(pid).str(json);
  }

  /** A whole RUN_END document: the run's orderly end and the agent's final counters (JSON). */
  public static void runEnd(Buf b, long runHi, long runLo, long endEpochNanos, String json) {
    docHeader(b, RecordFormat.DOC_RUN_END);
    b.i64(runHi).i64(runLo).i64(endEpochNanos).str(json);
  }

  /** A whole SAMPLE document: named measurements taken at one instant (at most 255). */
  public static void sample(
      Buf b, long runHi, long runLo, long epochNanos, String[] names, double[] values) {
    if (names.length != values.length || names.length > 255) {
      throw new IllegalArgumentException(
          "a sample holds up to 255 named values, got " + names.length + "/" + values.length);
    }
    docHeader(b, RecordFormat.DOC_SAMPLE);
    b.i64(runHi).i64(runLo).i64(epochNanos).u8(names.length);
    for (int i = 0; i < names.length; i++) {
      b.str(names[i]).f64(values[i]);
    }
  }

  /** The UTF-8 string encoding of {@code s} (varint length + bytes), for caching. */
  public static byte[] encodeStr(String s) {
    return new Buf(s.length() + 8).str(s).toByteArray();
  }
}
