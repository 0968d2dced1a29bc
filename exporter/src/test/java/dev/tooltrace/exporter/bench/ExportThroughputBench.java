/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter.bench;

import dev.tooltrace.exporter.ExportPipeline;
import dev.tooltrace.exporter.ExportSettings;
import dev.tooltrace.exporter.TestQueues;
import dev.tooltrace.it.otlp.receiver.OtlpReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Export throughput, queue to a local OTLP receiver, in spans per second. A measurement to run by
 * hand, not a test:
 *
 * <pre>
 * java [Chronicle --add-opens] -cp TEST_CLASSPATH \
 *   dev.tooltrace.exporter.bench.ExportThroughputBench [trees=100000] [grpc|http/protobuf]
 * </pre>
 *
 * Each tree is one CALLS document of 3 calls (one of every 3 trees has a failed call, hence an
 * exception event and a log record). Includes decoding, mapping, OTLP encoding, loopback transfer,
 * the receiver's protobuf decoding and the commits; runs one warm-up pass first.
 */
public final class ExportThroughputBench {
  private ExportThroughputBench() {}

  public static void main(String[] args) throws Exception {
    int trees = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    String protocol = args.length > 1 ? args[1] : "grpc";
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      run(receiver, Math.max(1000, trees / 10), protocol, "warm-up");
      receiver.stop();
      receiver.restart();
      run(receiver, trees, protocol, "measured");
    }
    System.exit(0);
  }

  private static void run(OtlpReceiver receiver, int trees, String protocol, String label)
      throws IOException {
    Path dir = Files.createTempDirectory("tooltrace-bench");
    try {
      int calls = TestQueues.writeTrees(dir, trees);
      String endpoint = protocol.equals("grpc") ? receiver.grpcEndpoint() : receiver.httpEndpoint();
      long t0 = System.nanoTime();
      long exported;
      try (ExportPipeline p =
          ExportPipeline.open(
              ExportSettings.builder()
                  .queueDir(dir)
                  .readEnvironment(false)
                  .otelProperty("otel.exporter.otlp.protocol", protocol)
                  .otelProperty("otel.exporter.otlp.endpoint", endpoint)
                  .otelProperty("otel.metrics.exporter", "none")
                  .maxBatchCalls(2048)
                  .logger(line -> {})
                  .build())) {
        if (!p.runUntilDrained(Duration.ofMinutes(10))) {
          throw new IllegalStateException("not drained: " + p.status());
        }
        exported = p.status().exportedCalls();
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      if (exported != calls) {
        throw new IllegalStateException("exported " + exported + " of " + calls);
      }
      System.out.printf(
          "%s: %d spans over %s in %.2f s = %.0f spans/s%n",
          label, exported, protocol, secs, exported / secs);
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
