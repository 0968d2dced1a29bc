/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.harness;

import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.CorruptRecordException;
import dev.tooltrace.record.QueueReader;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunEndRecord;
import dev.tooltrace.record.RunRecord;
import dev.tooltrace.record.SampleRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Everything a queue holds, read back with the record contract's reader. */
public final class Recorded {
  public final List<RunRecord> runs = new ArrayList<>();
  public final List<CallRecord> calls = new ArrayList<>();
  public final List<SampleRecord> samples = new ArrayList<>();
  public final List<RunEndRecord> ends = new ArrayList<>();

  public static Recorded read(Path dir) {
    Recorded r = new Recorded();
    try (QueueReader q = QueueReader.open(dir)) {
      q.readAll(
          new RecordVisitor() {
            @Override
            public void onRun(RunRecord run) {
              r.runs.add(run);
            }

            @Override
            public void onCall(CallRecord call) {
              r.calls.add(call);
            }

            @Override
            public void onSample(SampleRecord sample) {
              r.samples.add(sample);
            }

            @Override
            public void onRunEnd(RunEndRecord end) {
              r.ends.add(end);
            }

            @Override
            public void onCorrupt(long index, String file, CorruptRecordException e) {
              throw new AssertionError("corrupt record at " + index + " in " + file, e);
            }
          });
    }
    return r;
  }

  public List<CallRecord> tool(String name) {
    return calls.stream().filter(c -> c.tool().equals(name)).collect(Collectors.toList());
  }

  public CallRecord one(String name) {
    List<CallRecord> l = tool(name);
    if (l.size() != 1) {
      throw new AssertionError(
          "expected one call of "
              + name
              + ", got "
              + l.size()
              + "; tools: "
              + calls.stream().map(CallRecord::tool).distinct().collect(Collectors.toList()));
    }
    return l.get(0);
  }

  public CallRecord bySpan(String spanId) {
    return calls.stream()
        .filter(c -> c.spanId().equals(spanId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no call with span " + spanId));
  }
}
