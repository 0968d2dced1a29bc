/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tooltrace.it.app.ReproPipelineApp;
import dev.tooltrace.it.harness.AgentCli;
import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Paths;
import dev.tooltrace.it.harness.Recorded;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordFormat;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two runs of {@link ReproPipelineApp} under the packaged agent with argument capture on; the
 * second makes the score tool nondeterministic. diff, replay and rerun-script are checked against
 * what the queue holds.
 */
class ReproducibilityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path tmp;
  private static Path queue;
  private static Recorded recorded;
  private static String runA;
  private static String runB;

  @BeforeAll
  static void twoRuns() throws Exception {
    tmp = Files.createTempDirectory("repro-it");
    queue = tmp.resolve("q");
    run("base");
    run("noisy", "-Drepro.noise=true");
    recorded = Recorded.read(queue);
    assertEquals(2, recorded.runs.size());
    runA = recorded.runs.get(0).runId();
    runB = recorded.runs.get(1).runId();
  }

  private static void run(String name, String... jvmArgs) throws Exception {
    ForkedJvm j =
        ForkedJvm.of(ReproPipelineApp.class.getName())
            .agent(
                "dir="
                    + queue
                    + ",export=none,http.enabled=false,capture.args=true,run.name="
                    + name);
    for (String a : jvmArgs) {
      j.jvmArg(a);
    }
    ForkedJvm.Result r = j.run();
    assertEquals(0, r.exitCode(), r.stderr());
  }

  @AfterAll
  static void cleanUp() throws Exception {
    AgentCli.deleteTree(tmp);
  }

  private static List<CallRecord> calls(String run, String tool) {
    return recorded.calls.stream()
        .filter(c -> c.runId().equals(run) && c.tool().equals(tool))
        .sorted(Comparator.comparingLong(CallRecord::startEpochNanos))
        .collect(Collectors.toList());
  }

  private static String classpath() {
    return Paths.testClasses() + File.pathSeparator + Paths.bootstrapJar();
  }

  @Test
  void capturedCallsAreFlaggedAndCarryTheirArguments() {
    CallRecord tokenize = calls(runA, "repro.tokenize").get(0);
    assertTrue(tokenize.hasFlag(RecordFormat.FLAG_ARGS_CAPTURED));
    assertEquals("\"doc-0 word0\"", tokenize.args().get(0).capture());
    CallRecord stats = calls(runA, "repro.stats").get(0);
    assertTrue(
        stats.args().get(0).capture().startsWith("{\"list\":\"java.util.ArrayList\""),
        stats.args().get(0).capture());
  }

  @Test
  void runsListsBothRunsWithNamesAndCounts() throws Exception {
    ForkedJvm.Result r = AgentCli.inProcess("runs", "--dir", queue.toString(), "--json");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode runs = JSON.readTree(r.stdout());
    assertEquals(2, runs.size());
    assertEquals("base", runs.get(0).path("name").asText());
    assertEquals("noisy", runs.get(1).path("name").asText());
    // load, tokenize, stats, score, label for 4 documents.
    assertEquals(20, runs.get(0).path("calls").asInt());
    assertEquals(0, runs.get(0).path("errors").asInt());
    assertEquals(runs.get(0).path("gitCommit").asText(), runs.get(1).path("gitCommit").asText());
    ForkedJvm.Result text = AgentCli.inProcess("runs", "--dir", queue.toString());
    assertTrue(text.stdout().contains(runA) && text.stdout().contains("noisy"), text.stdout());
  }

  @Test
  void diffNamesTheFirstScoreCallThatDiffers() throws Exception {
    ForkedJvm.Result r =
        AgentCli.inProcess("diff", "base", "noisy", "--dir", queue.toString(), "--json");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode d = JSON.readTree(r.stdout());
    JsonNode first = d.path("firstDifferent");
    assertEquals("repro.score", first.path("tool").asText(), r.stdout());
    // doc-2 is the first document with four tokens: the third score call of each run.
    assertEquals(calls(runA, "repro.score").get(2).spanId(), first.path("spanA").asText());
    assertEquals(calls(runB, "repro.score").get(2).spanId(), first.path("spanB").asText());
    for (JsonNode t : d.path("tools")) {
      String tool = t.path("tool").asText();
      if (!tool.equals("repro.score")) {
        assertEquals(0, t.path("different").asInt(), tool + " must not be blamed: " + t);
      } else {
        assertEquals(2, t.path("different").asInt(), t.toString());
      }
    }
    boolean noiseProperty = false;
    for (JsonNode c : d.path("environment")) {
      if (c.path("section").asText().equals("property")
          && c.path("key").asText().equals("repro.noise")) {
        noiseProperty = c.path("b").asText().equals("true") && c.path("a").isNull();
      }
      assertTrue(!c.path("section").asText().equals("jar"), "no jar changed: " + c);
    }
    assertTrue(noiseProperty, "the added property is reported: " + d.path("environment"));
    assertEquals(
        3, AgentCli.inProcess("diff", runA, runB, "--dir", queue.toString(), "--check").exitCode());
    ForkedJvm.Result same =
        AgentCli.inProcess("diff", runA, runA, "--dir", queue.toString(), "--check");
    assertEquals(0, same.exitCode(), same.stdout());
    assertTrue(same.stdout().contains("outputs are identical"), same.stdout());
    ForkedJvm.Result text = AgentCli.inProcess("diff", runA, runB, "--dir", queue.toString());
    assertTrue(text.stdout().contains("tool:     repro.score"), text.stdout());
  }

  @Test
  void replayOfADeterministicCallReproduces() throws Exception {
    for (String tool : List.of("repro.tokenize", "repro.stats", "repro.load")) {
      CallRecord c = calls(runB, tool).get(2);
      ForkedJvm.Result r =
          AgentCli.jar("replay", c.spanId(), "--dir", queue.toString(), "--classpath", classpath());
      assertEquals(0, r.exitCode(), tool + ": " + r.stdout() + r.stderr());
      assertTrue(r.stdout().startsWith("reproduced: tool '" + tool + "'"), r.stdout());
      assertTrue(r.stdout().contains(c.result().hash()), r.stdout());
    }
  }

  @Test
  void replayOfTheNondeterministicCallDiffers() throws Exception {
    CallRecord c = calls(runB, "repro.score").get(2);
    ForkedJvm.Result r =
        AgentCli.jar(
            "replay", c.spanId(), "--dir", queue.toString(), "--classpath", classpath(), "--json");
    assertEquals(3, r.exitCode(), r.stdout() + r.stderr());
    JsonNode j = JSON.readTree(r.stdout());
    assertEquals("differs", j.path("status").asText());
    assertEquals(c.result().hash(), j.path("recorded").asText());
    // Replayed without the noise: the hash run A recorded for the same input.
    assertEquals(calls(runA, "repro.score").get(2).result().hash(), j.path("replayed").asText());
  }

  @Test
  void instanceMethodWithoutAccessibleConstructorIsNotReplayable() throws Exception {
    CallRecord c = calls(runA, "repro.label").get(0);
    ForkedJvm.Result r =
        AgentCli.jar("replay", c.spanId(), "--dir", queue.toString(), "--classpath", classpath());
    assertEquals(4, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(r.stdout().startsWith("not replayable: tool 'repro.label'"), r.stdout());
    assertTrue(
        r.stdout().contains("no accessible constructor")
            && r.stdout().contains(ReproPipelineApp.Labeler.class.getName()),
        r.stdout());
  }

  @Test
  void rerunScriptRerunsAndMatchesOrFailsOnDifference() throws Exception {
    Path script = tmp.resolve("rerun-base.sh");
    Path newQueue = tmp.resolve("rerun-q");
    ForkedJvm.Result w =
        AgentCli.inProcess(
            "rerun-script",
            "base",
            "--dir",
            queue.toString(),
            "--new-dir",
            newQueue.toString(),
            "--out",
            script.toString());
    assertEquals(0, w.exitCode(), w.stderr());
    ForkedJvm.Result r = AgentCli.exec(List.of("bash", script.toString()), 240);
    assertEquals(0, r.exitCode(), Files.readString(script) + "\n" + r.stdout() + r.stderr());
    assertTrue(r.stdout().contains("outputs are identical"), r.stdout());
    Recorded rerun = Recorded.read(newQueue);
    assertEquals(1, rerun.runs.size());
    assertEquals(20, rerun.calls.size());

    Path noisy = tmp.resolve("rerun-noisy.sh");
    assertEquals(
        0,
        AgentCli.inProcess(
                "rerun-script",
                runB,
                "--dir",
                queue.toString(),
                "--new-dir",
                tmp.resolve("rerun-q2").toString(),
                "--out",
                noisy.toString())
            .exitCode());
    ForkedJvm.Result n = AgentCli.exec(List.of("bash", noisy.toString()), 240);
    assertEquals(3, n.exitCode(), n.stdout() + n.stderr());
    assertTrue(n.stdout().contains("tool:     repro.score"), n.stdout());
  }
}
