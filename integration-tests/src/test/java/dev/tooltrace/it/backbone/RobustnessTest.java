/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.it.app.ConflictApp;
import dev.tooltrace.it.app.ShapesApp;
import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Paths;
import dev.tooltrace.it.harness.Recorded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever goes wrong inside the agent — bad configuration, an unwritable queue directory, the
 * agent given twice, conflicting library versions — the application behaves exactly as without it,
 * and the agent says what is wrong in one line.
 */
class RobustnessTest {
  @TempDir Path tmp;
  static String plainOutput;

  @BeforeAll
  static void baseline() throws Exception {
    ForkedJvm.Result plain = ForkedJvm.of(ShapesApp.class.getName()).run();
    assertEquals(0, plain.exitCode(), plain.stderr());
    plainOutput = plain.stdout();
  }

  private ForkedJvm.Result traced(String agentArgs) throws Exception {
    ForkedJvm.Result r = ForkedJvm.of(ShapesApp.class.getName()).agent(agentArgs).run();
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(plainOutput, r.stdout(), "the application's output must not change");
    return r;
  }

  @Test
  void badConfigurationIsOneClearLinePerProblemAndDefaultsApply() throws Exception {
    Path dir = tmp.resolve("q");
    ForkedJvm.Result r =
        traced(
            "dir="
                + dir
                + ",export=none,http.enabled=false,"
                + "capture.preview.chars=lots,enabled=maybe,colour=blue,roll.cycle=FORTNIGHTLY");
    List<String> lines = r.agentLines();
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.contains("'capture.preview.chars'")
                        && l.contains("expected an integer 0..65536")),
        lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("'enabled'") && l.contains("true or false")),
        lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("unknown configuration key 'colour'")),
        lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.contains("'roll.cycle'")), lines.toString());
    // Defaults applied: tracking on (enabled's default), previews of 256 chars.
    Recorded rec = Recorded.read(dir);
    assertEquals(256, rec.one("ShapesApp.length").args().get(0).preview().length());
  }

  @Test
  void systemPropertiesAndEnvironmentAreReadWithDocumentedPrecedence() throws Exception {
    Path fromArg = tmp.resolve("arg");
    Path fromProp = tmp.resolve("prop");
    Path fromEnv = tmp.resolve("env");
    ForkedJvm.Result r =
        ForkedJvm.of(ShapesApp.class.getName())
            .agent("dir=" + fromArg + ",export=none")
            .jvmArg("-Dtooltrace.dir=" + fromProp)
            .jvmArg("-Dtooltrace.http.enabled=false")
            .env("TOOLTRACE_DIR", fromEnv.toString())
            .env("TOOLTRACE_CAPTURE_PREVIEW_CHARS", "8")
            .run();
    assertEquals(plainOutput, r.stdout());
    assertTrue(Files.isDirectory(fromArg), "agent argument wins");
    assertFalse(Files.exists(fromProp));
    assertFalse(Files.exists(fromEnv));
    assertEquals(
        8,
        Recorded.read(fromArg).one("ShapesApp.length").args().get(0).preview().length(),
        "environment applies where nothing else is set");
  }

  @Test
  void disabledTrackingWritesNothing() throws Exception {
    Path dir = tmp.resolve("off");
    ForkedJvm.Result r = traced("dir=" + dir + ",enabled=false");
    assertFalse(Files.exists(dir));
    assertTrue(r.agentLines().stream().anyMatch(l -> l.contains("tracking disabled")));
  }

  @Test
  void unwritableQueueDirectoryDropsAndSaysSo() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
    ForkedJvm.Result r = traced("dir=" + file.resolve("queue") + ",export=none,http.enabled=false");
    List<String> lines = r.agentLines();
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.contains("WARN")
                        && l.contains("cannot open the" + " queue")
                        && l.contains("dropped and counted")),
        lines.toString());
  }

  @Test
  void agentGivenTwiceRecordsOnce() throws Exception {
    Path dir = tmp.resolve("twice");
    ForkedJvm.Result r =
        ForkedJvm.of(ShapesApp.class.getName())
            .agent("dir=" + dir + ",export=none,http.enabled=false")
            .jvmArg("-javaagent:" + Paths.agentJar() + "=dir=" + tmp.resolve("second"))
            .run();
    assertEquals(plainOutput, r.stdout());
    assertTrue(r.agentLines().stream().anyMatch(l -> l.contains("more than once")));
    assertEquals(1, Recorded.read(dir).tool("ShapesApp.level1").size());
    assertFalse(Files.exists(tmp.resolve("second")));
  }

  @Test
  void appWithItsOwnByteBuddyAndOpenTelemetryRunsUnchangedAndIsTracked() throws Exception {
    Path libs = Paths.testLibs();
    ForkedJvm plain = ForkedJvm.of(ConflictApp.class.getName());
    ForkedJvm traced = ForkedJvm.of(ConflictApp.class.getName());
    try (var s = Files.list(libs)) {
      for (Path jar : (Iterable<Path>) s.sorted()::iterator) {
        plain.classpath(jar);
        traced.classpath(jar);
      }
    }
    ForkedJvm.Result a = plain.run();
    Path dir = tmp.resolve("conflict");
    ForkedJvm.Result b = traced.agent("dir=" + dir + ",export=none,http.enabled=false").run();
    assertEquals(0, a.exitCode(), a.stderr());
    assertEquals(a.stdout(), b.stdout());
    assertTrue(b.stdout().contains("bytebuddy=byte-buddy-1.14.18.jar made true"), b.stdout());
    assertTrue(b.stdout().contains("otel=opentelemetry-sdk-1.42.1.jar tracer true"), b.stdout());
    Recorded rec = Recorded.read(dir);
    assertEquals(1, rec.tool("ConflictApp.useByteBuddy").size());
    assertEquals(1, rec.tool("ConflictApp.useOpenTelemetry").size());
  }
}
