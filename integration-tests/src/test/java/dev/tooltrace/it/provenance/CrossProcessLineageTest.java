/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tooltrace.it.app.HandoffApp;
import dev.tooltrace.it.harness.AgentCli;
import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Recorded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real JVMs under the packaged agent, each with its own queue (two hosts): the producer writes
 * a file through its tools, the consumer hands the file's content to its tools ({@link
 * HandoffApp}). {@code lineage} of the consumer's output, asked of both queues through {@code java
 * -jar tooltrace-agent.jar} (which finds the index engine beside itself), reaches the producer's
 * calls over one link marked as crossing runs, and exactly those nodes; {@code impact} goes the
 * other way; {@code --run} keeps the answer inside one run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossProcessLineageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  Path tmp;
  Path hosts;
  Path producerQueue;
  Path consumerQueue;
  String producerRun;
  String consumerRun;
  Recorded producer;
  Recorded consumer;

  @BeforeAll
  void runProducerThenConsumer(@TempDir Path tmp) throws Exception {
    this.tmp = tmp;
    hosts = tmp.resolve("hosts");
    producerQueue = hosts.resolve("producer").resolve("queue");
    consumerQueue = hosts.resolve("consumer").resolve("queue");
    Path file = tmp.resolve("orders.csv");
    ForkedJvm.Result p =
        ForkedJvm.of(HandoffApp.class.getName(), "produce", file.toString())
            .agent("dir=" + producerQueue + ",export=none,http.enabled=false")
            .run();
    assertEquals(0, p.exitCode(), p.stderr());
    ForkedJvm.Result c =
        ForkedJvm.of(HandoffApp.class.getName(), "consume", file.toString())
            .agent("dir=" + consumerQueue + ",export=none,http.enabled=false")
            .run();
    assertEquals(0, c.exitCode(), c.stderr());
    assertEquals("summary: parsed 4 lines", c.stdout().strip());
    producer = Recorded.read(producerQueue);
    consumer = Recorded.read(consumerQueue);
    producerRun = producer.runs.get(0).runId();
    consumerRun = consumer.runs.get(0).runId();
  }

  private String span(Recorded r, String tool) {
    return r.tool(tool).get(0).spanId();
  }

  private String tool(String name) {
    return "HandoffApp." + name;
  }

  private ForkedJvm.Result cli(String... args) throws Exception {
    ForkedJvm.Result r = AgentCli.jar(args);
    assertEquals(0, r.exitCode(), String.join(" ", args) + "\n" + r.stderr());
    assertFalse(r.stderr().contains("cannot use the index"), r.stderr());
    return r;
  }

  private static Set<String> ids(JsonNode answer) {
    Set<String> ids = new TreeSet<>();
    answer.get("nodes").forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  @Test
  void lineageOfTheConsumersOutputReachesTheProducerAcrossOneMarkedLink() throws Exception {
    Path index = tmp.resolve("index-two-dirs");
    String summarize = span(consumer, tool("summarize"));
    ForkedJvm.Result r =
        cli(
            "lineage",
            summarize,
            "--dir",
            producerQueue.toString(),
            "--dir",
            consumerQueue.toString(),
            "--index",
            index.toString(),
            "--json");
    assertTrue(
        Files.isRegularFile(index.resolve("index.duckdb")),
        "java -jar found the index engine beside the agent jar");
    JsonNode answer = JSON.readTree(r.stdout());

    String parse = span(consumer, tool("parse"));
    String render = span(producer, tool("render"));
    String extract = span(producer, tool("extract"));
    JsonNode external = answer.get("externalInputs");
    assertEquals(1, external.size(), answer.toPrettyString());
    String source = external.get(0).asText();
    assertTrue(source.startsWith("in:" + producerRun + ":"), source);
    assertEquals(
        new TreeSet<>(
            List.of(
                summarize,
                "out:" + parse,
                parse,
                "out:" + render,
                render,
                "out:" + extract,
                extract,
                source)),
        ids(answer),
        "exactly the consumer's two calls and the producer's two that made the file's content");

    List<String> crossing = new ArrayList<>();
    for (JsonNode e : answer.get("edges")) {
      if (e.path("crossingRuns").asBoolean(false)) {
        crossing.add(e.get("from").asText() + ">" + e.get("to").asText() + ":" + e.get("role"));
      }
    }
    assertEquals(List.of("out:" + render + ">" + parse + ":\"csv\""), crossing);

    ForkedJvm.Result text =
        cli(
            "lineage",
            summarize,
            "--dir",
            producerQueue.toString(),
            "--dir",
            consumerQueue.toString(),
            "--index",
            index.toString());
    assertTrue(
        text.stdout()
            .contains(
                "(crossing runs: made in run "
                    + producerRun.substring(0, 8)
                    + ", used in run "
                    + consumerRun.substring(0, 8)
                    + ")"),
        text.stdout());

    // The same answer from a directory holding both queues, and from a full read of the queues.
    ForkedJvm.Result parent =
        cli(
            "lineage",
            summarize,
            "--dir",
            hosts.toString(),
            "--index",
            tmp.resolve("index-parent").toString(),
            "--json");
    assertEquals(r.stdout(), parent.stdout());
    ForkedJvm.Result full =
        cli(
            "lineage",
            summarize,
            "--dir",
            producerQueue.toString(),
            "--dir",
            consumerQueue.toString(),
            "--no-index",
            "--json");
    assertEquals(r.stdout(), full.stdout());
  }

  @Test
  void impactOfTheProducersInputReachesTheConsumer() throws Exception {
    ForkedJvm.Result r =
        cli(
            "impact",
            span(producer, tool("extract")),
            "--dir",
            hosts.toString(),
            "--index",
            tmp.resolve("index-impact").toString(),
            "--json");
    Set<String> ids = ids(JSON.readTree(r.stdout()));
    assertTrue(ids.contains(span(consumer, tool("summarize"))), ids.toString());
    assertTrue(ids.contains(span(producer, tool("writeFile"))), ids.toString());
  }

  @Test
  void withRunTheAnswerStaysInsideTheRun() throws Exception {
    ForkedJvm.Result r =
        cli(
            "lineage",
            span(consumer, tool("summarize")),
            "--dir",
            hosts.toString(),
            "--index",
            tmp.resolve("index-run").toString(),
            "--run",
            consumerRun,
            "--json");
    JsonNode answer = JSON.readTree(r.stdout());
    assertFalse(r.stdout().contains("crossingRuns"), r.stdout());
    assertEquals(1, answer.get("externalInputs").size());
    assertTrue(
        answer.get("externalInputs").get(0).asText().startsWith("in:" + consumerRun + ":"),
        "the file's content is the run's external input");
  }
}
