/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.tooltrace.exporter.ExportPipeline;
import dev.tooltrace.exporter.ExportSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The exporter's steady-state cost, to run by hand while working on it: drains a copy of a recorded
 * queue to an OTLP endpoint (another process, e.g. the benchmarks' DrainSink) several times in one
 * JVM and prints, per pass, spans/s and the process CPU per span; later passes run compiled code,
 * so they show the per-span cost without start-up and JIT.
 *
 * <pre>
 * java [Chronicle --add-opens] -cp TEST_CLASSPATH dev.tooltrace.exporter.bench.SteadyDrainBench \
 *   QUEUE_DIR ENDPOINT grpc|http/protobuf [passes=3] [maxInFlight=4] [batch=512]
 * </pre>
 */
public final class SteadyDrainBench {
  private SteadyDrainBench() {}

  public static void main(String[] args) throws Exception {
    Path source = Path.of(args[0]);
    String endpoint = args[1];
    String protocol = args[2];
    int passes = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    int window = args.length > 4 ? Integer.parseInt(args[4]) : 4;
    int batch = args.length > 5 ? Integer.parseInt(args[5]) : 512;
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int pass = 1; pass <= passes; pass++) {
      Path copy = Files.createTempDirectory("steady-drain");
      copyTree(source, copy);
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      long exported;
      try (ExportPipeline p =
          ExportPipeline.open(
              ExportSettings.builder()
                  .queueDir(copy)
                  .readEnvironment(false)
                  .otelProperty("otel.exporter.otlp.protocol", protocol)
                  .otelProperty("otel.exporter.otlp.endpoint", endpoint)
                  .otelProperty("otel.metrics.exporter", "none")
                  .maxInFlight(window)
                  .maxBatchCalls(batch)
                  .logger(line -> {})
                  .build())) {
        if (!p.runUntilDrained(Duration.ofMinutes(10))) {
          throw new IllegalStateException("not drained: " + p.status());
        }
        exported = p.status().exportedCalls();
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      double cpuUs = (os.getProcessCpuTime() - cpu0) / 1e3;
      System.out.printf(
          "pass %d: %d spans over %s (window %d, batch %d) in %.2f s = %.0f spans/s, %.2f µs CPU/span%n",
          pass, exported, protocol, window, batch, secs, exported / secs, cpuUs / exported);
      delete(copy);
    }
    System.exit(0);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
