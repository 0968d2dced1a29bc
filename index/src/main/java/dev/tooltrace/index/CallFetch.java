/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordVisitor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads calls back from the queues: each document once, the calls asked for out of it. */
final class CallFetch {
  private CallFetch() {}

  /**
   * The calls of {@code rows} ({src, qidx, span} each), in the order given; a call whose document
   * is gone is left out.
   */
  static List<CallRecord> fetch(QueueDocs docs, List<long[]> rows) {
    Map<String, List<Long>> byDoc = new LinkedHashMap<>();
    for (long[] r : rows) {
      byDoc.computeIfAbsent(r[0] + ":" + r[1], k -> new ArrayList<>()).add(r[2]);
    }
    Map<Long, CallRecord> found = new HashMap<>();
    for (Map.Entry<String, List<Long>> e : byDoc.entrySet()) {
      String[] k = e.getKey().split(":");
      List<Long> wanted = e.getValue();
      docs.read(
          Integer.parseInt(k[0]),
          Long.parseLong(k[1]),
          new RecordVisitor() {
            @Override
            public void onCall(CallRecord c) {
              long span = Ids.span(c.spanId());
              if (wanted.contains(span)) {
                found.putIfAbsent(span, c);
              }
            }

            @Override
            public void onCorrupt(
                long index, String file, dev.tooltrace.record.CorruptRecordException ex) {}
          });
    }
    List<CallRecord> out = new ArrayList<>();
    for (long[] r : rows) {
      CallRecord c = found.get(r[2]);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }
}
