/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Recorded;
import dev.tooltrace.it.otlp.receiver.OtlpReceiver;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OTLP backend refuses connections, hangs, or answers errors while the application runs: the
 * output is unchanged, the JVM still exits within a bound (the exporter's close timeout, not the
 * export timeout or a retry loop), every record stays in the queue, and the agent says "export
 * failing" once, not once per retry.
 */
class OtlpFaultsTest {
  /** A bound on the whole forked run, generous for a loaded 2-core machine. */
  private static final int RUN_BOUND_SECONDS = 45;

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"REFUSE", "UNAVAILABLE", "HANG"})
  void appIsUnaffectedAndExitsPromptlyWhenTheBackendFails(String fault) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      String endpoint = receiver.grpcEndpoint();
      if (fault.equals("REFUSE")) {
        receiver.stop();
      } else {
        receiver.mode(OtlpReceiver.Mode.valueOf(fault));
      }
      Path dir = tmp.resolve("q");
      ForkedJvm.Result r =
          FaultRun.compare(
              "dir=" + dir + ",export=otlp,http.enabled=false",
              j ->
                  j.env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
                      .env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
                      .timeout(RUN_BOUND_SECONDS),
              "work",
              "15",
              "100");
      List<String> failing = FaultRun.lines(r, "export failing");
      assertEquals(1, failing.size(), "one line per state change:\n" + r.stderr());
      assertTrue(receiver.spans().isEmpty(), "nothing accepted");

      Recorded rec = Recorded.read(dir);
      JsonNode counters = FaultRun.counters(rec);
      assertEquals(3000, counters.get("records.written").asLong(), counters.toString());
      assertEquals(0, counters.get("records.dropped").asLong(), counters.toString());
      assertEquals(3000, rec.calls.size(), "records wait in the queue for a later export");
    }
  }
}
