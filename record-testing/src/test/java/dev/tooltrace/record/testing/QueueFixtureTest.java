/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.CanonicalHash;
import dev.tooltrace.record.QueueReader;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunRecord;
import dev.tooltrace.record.ValueRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a fixture writes is what readers read, hashes included. */
class QueueFixtureTest {
  @TempDir Path dir;

  @Test
  void everyValueKindReadsBackWithTheHashTheFixturePromises() {
    List<FixtureValue> values =
        List.of(
            FixtureValue.ofString("hello"),
            FixtureValue.ofInt(7),
            FixtureValue.ofLong(-3),
            FixtureValue.ofBoolean(true),
            FixtureValue.ofDouble(2.5),
            FixtureValue.nullValue("java.lang.String"),
            FixtureValue.of(List.of(1, 2, 3)).producedBy(0x99),
            FixtureValue.identityOnly("ex.Bean", "ex.Bean@1"),
            FixtureValue.redacted("java.lang.String"),
            FixtureValue.unavailable("java.lang.Object", "boom"));
    FixtureCall call = FixtureCall.of("tool").span(5).start(100).duration(10);
    for (int i = 0; i < values.size(); i++) {
      call.arg("a" + i, values.get(i));
    }
    call.returns(FixtureValue.ofString("x".repeat(300)));
    try (QueueFixture q = QueueFixture.create(dir)) {
      q.run(1, 2).start(50, "{}").calls(3, "main", call, FixtureCall.of("tool").span(6)).end(200);
    }
    List<CallRecord> calls = new ArrayList<>();
    List<RunRecord> runs = new ArrayList<>();
    try (QueueReader r = QueueReader.open(dir)) {
      r.readAll(
          new RecordVisitor() {
            @Override
            public void onCall(CallRecord c) {
              calls.add(c);
            }

            @Override
            public void onRun(RunRecord run) {
              runs.add(run);
            }
          });
    }
    assertEquals(1, runs.size());
    assertEquals(2, calls.size());
    CallRecord c = calls.get(0);
    assertEquals("tool", c.tool());
    assertEquals("0000000000000005", c.spanId());
    for (int i = 0; i < values.size(); i++) {
      ValueRecord v = c.args().get(i);
      assertEquals("a" + i, v.name());
      assertEquals(values.get(i).hash(), v.hash(), v.toString());
    }
    assertEquals(new CanonicalHash(1 << 20).hex("hello"), c.args().get(0).hash());
    assertEquals("0000000000000099", c.args().get(6).producerSpanId());
    assertTrue(c.result().previewTruncated());
    assertEquals(256, c.result().preview().length());
    assertEquals("tool", calls.get(1).tool(), "another signature of the same name: its own block");
  }
}
