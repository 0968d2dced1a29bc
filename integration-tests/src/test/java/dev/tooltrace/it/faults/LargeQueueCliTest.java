/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tooltrace.it.app.FaultApp;
import dev.tooltrace.it.harness.AgentCli;
import dev.tooltrace.it.harness.ForkedJvm;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queue holding far more records than the CLI's heap: {@code stats} aggregates while it reads
 * (one duration per call kept), so a million calls need no more than a 64 MB heap.
 */
class LargeQueueCliTest {
  @TempDir Path tmp;

  @Test
  void statsOverAMillionCallsRunsInA64MegabyteHeap() throws Exception {
    Path dir = tmp.resolve("q");
    ForkedJvm.Result app =
        ForkedJvm.of(FaultApp.class.getName(), "work", "5000", "0")
            .agent("dir=" + dir + ",export=none,http.enabled=false")
            .timeout(300)
            .run();
    assertEquals(0, app.exitCode(), app.stderr());

    ForkedJvm.Result r =
        AgentCli.jar(List.of("-Xmx64m"), "stats", "--dir", dir.toString(), "--json");
    assertEquals(0, r.exitCode(), r.stderr());
    Map<String, Long> calls = new HashMap<>();
    for (JsonNode t : new ObjectMapper().readTree(r.stdout()).get("tools")) {
      calls.put(t.get("tool").asText(), t.get("calls").asLong());
      assertEquals(0, t.get("errors").asLong());
    }
    assertEquals(Map.of("FaultApp.step", 500_000L, "FaultApp.inner", 500_000L), calls);
  }
}
