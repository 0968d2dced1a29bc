/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

/**
 * Counts the spans of an {@code ExportTraceServiceRequest} by walking the protobuf wire format:
 * {@code resource_spans = 1 { scope_spans = 2 { spans = 2 } } }, every other field skipped by its
 * length, no message decoded. A receiver that only counts then costs the machine little next to the
 * exporter it measures (a 2-core machine shares its cores between both); {@code DrainSinkTest}
 * checks the count against the official protobuf classes.
 */
final class SpanCounter {
  private SpanCounter() {}

  /** Spans in {@code b[0, len)}; throws IllegalArgumentException on malformed input. */
  static long count(byte[] b, int len) {
    return count(b, 0, len, 0);
  }

  /** depth 0: the request, 1: a ResourceSpans, 2: a ScopeSpans (count its field 2). */
  private static long count(byte[] b, int from, int to, int depth) {
    long n = 0;
    int[] pos = {from};
    while (pos[0] < to) {
      long tag = varint(b, pos, to);
      int field = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      switch (wire) {
        case 0:
          varint(b, pos, to);
          break;
        case 1:
          pos[0] += 8;
          break;
        case 5:
          pos[0] += 4;
          break;
        case 2:
          {
            long len = varint(b, pos, to);
            int start = pos[0];
            int end = (int) (start + len);
            if (len < 0 || end > to) {
              throw new IllegalArgumentException("field " + field + " runs past its message");
            }
            if (depth == 0 && field == 1) {
              n += count(b, start, end, 1);
            } else if (depth == 1 && field == 2) {
              n += count(b, start, end, 2);
            } else if (depth == 2 && field == 2) {
              n++;
            }
            pos[0] = end;
            break;
          }
        default:
          throw new IllegalArgumentException("wire type " + wire + " is not used by OTLP");
      }
      if (pos[0] > to) {
        throw new IllegalArgumentException("truncated request");
      }
    }
    return n;
  }

  private static long varint(byte[] b, int[] pos, int to) {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= to) {
        throw new IllegalArgumentException("truncated varint");
      }
      int x = b[pos[0]++];
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("varint too long");
  }
}
