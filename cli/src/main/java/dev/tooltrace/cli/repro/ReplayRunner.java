/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.repro;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tooltrace.cli.CliException;
import dev.tooltrace.cli.ExitCodes;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.record.CallRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Replays one recorded call: plans it from the record ({@link ReplayPlan}), runs {@link
 * ReplayWorker} in a fresh JVM (the recorded run's java unless told otherwise, no agent), and
 * compares the replayed outcome with the recorded one.
 */
public final class ReplayRunner {
  public static final String REPRODUCED = "reproduced";
  public static final String DIFFERS = "differs";
  public static final String NOT_REPLAYABLE = "not-replayable";

  /** The verdict; {@code recorded}/{@code replayed} are hashes, "void" or "threw TYPE". */
  public record Outcome(String status, String recorded, String replayed, String reason) {}

  private ReplayRunner() {}

  public static Outcome replay(
      CallRecord c,
      RunInfo run,
      String classpath,
      String java,
      List<String> jvmArgs,
      long timeoutSeconds) {
    String recorded = ReplayPlan.recordedOutcome(c);
    long hashMax = parseSize(run.config("capture.hash.max.bytes", "1048576"));
    JsonNode spec;
    try {
      spec = ReplayPlan.spec(c, hashMax);
    } catch (NotReplayableException e) {
      return new Outcome(NOT_REPLAYABLE, recorded, null, e.getMessage());
    }
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory("tooltrace-replay");
      Path specFile = tmp.resolve("spec.json");
      Path resultFile = tmp.resolve("result.json");
      Files.writeString(specFile, Json.pretty(spec));
      List<String> cmd =
          SelfLaunch.command(
              javaFor(run, java),
              jvmArgs,
              classpath,
              List.of("replay-worker", specFile.toString(), resultFile.toString()));
      Path log = tmp.resolve("worker.log");
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        return new Outcome(
            NOT_REPLAYABLE,
            recorded,
            null,
            "the replay JVM did not finish within " + timeoutSeconds + "s");
      }
      if (!Files.exists(resultFile)) {
        throw new CliException(
            ExitCodes.NO_DATA, "the replay JVM failed (exit " + p.exitValue() + "): " + tail(log));
      }
      JsonNode r = Json.MAPPER.readTree(resultFile.toFile());
      String status = r.path("status").asText();
      if (status.equals("not-replayable")) {
        return new Outcome(NOT_REPLAYABLE, recorded, null, r.path("reason").asText());
      }
      String replayed =
          status.equals("threw")
              ? "threw " + r.path("type").asText()
              : r.path("hash").isNull()
                  ? "no content hash (" + r.path("type").asText() + ")"
                  : r.path("hash").asText();
      return new Outcome(
          replayed.equals(recorded) ? REPRODUCED : DIFFERS, recorded, replayed, null);
    } catch (IOException e) {
      throw new CliException(ExitCodes.NO_DATA, "cannot run the replay JVM: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.NO_DATA, "interrupted while replaying");
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static String javaFor(RunInfo run, String java) {
    if (java != null) {
      return java;
    }
    String recorded = run.env().path("process.executable.path").asText("");
    if (!recorded.isEmpty() && Files.isExecutable(Path.of(recorded))) {
      return recorded;
    }
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    List<String> last = new ArrayList<>(lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    return last.isEmpty() ? "no output" : String.join(" | ", last);
  }

  /** Sizes as the agent writes them in the run's config: a byte count (or 1KB/1MB/1GB forms). */
  static long parseSize(String s) {
    String t = s.trim().toUpperCase(java.util.Locale.ROOT);
    long mult = 1;
    for (String[] u :
        new String[][] {{"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}, {"B", "1"}}) {
      if (t.endsWith(u[0])) {
        mult = Long.parseLong(u[1]);
        t = t.substring(0, t.length() - u[0].length()).trim();
        break;
      }
    }
    try {
      return Long.parseLong(t) * mult;
    } catch (NumberFormatException e) {
      return 1 << 20;
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }
}
