/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Recorded;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.ValueRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arguments the agent must describe without running into them: toString/hashCode/equals that throw,
 * a list containing itself, a cycle through two lists and through two maps, a list holding itself
 * eight times, a 100 MB string. Every record stays bounded and the application unaffected.
 */
class HostileValuesTest {
  private static final int PREVIEW = 64;
  @TempDir Path tmp;

  @Test
  void hostileArgumentsGiveBoundedRecordsAndTheAppIsUnaffected() throws Exception {
    Path dir = tmp.resolve("q");
    ForkedJvm.Result r =
        FaultRun.compare(
            "dir=" + dir + ",export=none,http.enabled=false," + "capture.preview.chars=" + PREVIEW,
            j -> j.jvmArg("-Xmx640m"),
            "hostile");
    assertTrue(r.stdout().contains("huge=100000000 true"), r.stdout());

    Recorded rec = Recorded.read(dir);
    List<ValueRecord> values = new ArrayList<>();
    for (CallRecord c : rec.calls) {
      values.addAll(c.args());
      values.add(c.result());
      assertTrue(!c.error(), c.toString());
    }
    for (ValueRecord v : values) {
      if (v.preview() != null) {
        assertTrue(v.preview().length() <= PREVIEW, "bounded preview: " + v.preview());
      }
    }
    List<CallRecord> kinds = rec.tool("FaultApp.kind");
    assertEquals(
        List.of("Evil", "ArrayList", "ArrayList", "HashMap", "ArrayList"),
        kinds.stream().map(c -> c.result().preview()).toList());
    ValueRecord evil = kinds.get(0).args().get(0);
    assertTrue(evil.preview().contains("toString() threw"), evil.preview());
    ValueRecord self = kinds.get(1).args().get(0);
    assertEquals(2, self.size());
    assertTrue(self.preview().startsWith("[\"a\", [\"a\", "), self.preview());

    // A slow toString() (3 ms) is called five times (its fastest over the 100 us limit), then
    // previews are the type only.
    List<String> slow =
        rec.tool("FaultApp.weigh").stream().map(c -> c.args().get(0).preview()).toList();
    assertEquals(7, slow.size());
    assertEquals(Collections.nCopies(5, "slow-to-print"), slow.subList(0, 5));
    for (String p : slow.subList(5, 7)) {
      assertTrue(p.startsWith("dev.tooltrace.it.app.FaultApp$Slow@<toString() skipped"), p);
    }
    List<String> reported = FaultRun.lines(r, "previews of dev.tooltrace.it.app.FaultApp$Slow");
    assertEquals(1, reported.size(), r.stderr());
    assertTrue(reported.get(0).contains("no longer call its toString()"), reported.get(0));

    ValueRecord huge = rec.one("FaultApp.length").args().get(0);
    assertEquals(100_000_000L, huge.size());
    assertTrue(huge.previewTruncated());
    assertTrue(huge.hashPartial());
    assertEquals(0, FaultRun.counters(rec).get("records.dropped").asLong());
    assertEquals(0, FaultRun.counters(rec).get("recording.failures").asLong());
  }
}
