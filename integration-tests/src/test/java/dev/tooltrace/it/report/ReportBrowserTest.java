/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tooltrace.it.app.ChainsApp;
import dev.tooltrace.it.harness.AgentCli;
import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Paths;
import dev.tooltrace.it.harness.Recorded;
import dev.tooltrace.record.CallRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser (Debian's headless Chromium, driven by playwright-core): the
 * example pipeline run under the packaged agent, and a generated run of a million calls. No console
 * error, no request, the expected tool rows and graph nodes in the DOM, a click on a graph node
 * shows that node's call; screenshots go to {@code integration-tests/target/report-screenshots}.
 */
class ReportBrowserTest {
  /** The page bound stated in the report's Limits (and README). */
  private static final long MAX_PAGE_BYTES = 4L << 20;

  @TempDir Path tmp;

  private static Path shots(String name) {
    return Paths.testClasses().getParent().resolve("report-screenshots").resolve(name);
  }

  @Test
  void exampleReportInChromium() throws Exception {
    Path queue = tmp.resolve("queue");
    ForkedJvm.Result app =
        ForkedJvm.of("dev.tooltrace.examples.DocumentPipeline", "20", "2")
            .classpath(Paths.examplesJar())
            .agent(
                "dir=" + queue + ",export=none,http.enabled=false,run.name=example,run.tags=demo")
            .timeout(120)
            .run();
    assertEquals(0, app.exitCode(), app.stderr());
    Path html = tmp.resolve("example.html");
    ForkedJvm.Result r =
        AgentCli.jar("report", "--dir", queue.toString(), "--out", html.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().startsWith("wrote " + html), r.stdout());

    Recorded rec = Recorded.read(queue);
    Map<String, Long> callsPerTool = new TreeMap<>();
    rec.calls.forEach(c -> callsPerTool.merge(c.tool(), 1L, Long::sum));
    JsonNode data = BrowserCheck.embeddedData(html);
    assertEquals(rec.calls.size(), data.path("header").path("calls").asLong());
    assertEquals("example", data.path("header").path("name").asText());
    assertEquals("ended", data.path("header").path("state").asText());

    // Every call is in exactly one node of its tool: the collapsed graph loses no call.
    Map<String, Long> inGraph = new TreeMap<>();
    for (JsonNode n : data.path("graph").path("nodes")) {
      if (n.path("kind").asText().equals("call")) {
        inGraph.merge(n.path("tool").asText(), n.path("count").asLong(), Long::sum);
      }
    }
    assertEquals(callsPerTool, inGraph);
    // parse failed on every seventh document: failed and successful parses are separate nodes.
    long failedParses = rec.tool("parser.parse").stream().filter(CallRecord::error).count();
    assertTrue(failedParses > 0);
    assertTrue(
        hasNode(data, "parser.parse", true, failedParses), "a ✗ parser.parse ×" + failedParses);

    JsonNode seen = BrowserCheck.open(html, shots("example"));
    assertClean(seen);
    assertEquals(callsPerTool.size(), seen.path("toolRows").asInt(), seen.toString());
    assertEquals(data.path("graph").path("nodes").size(), seen.path("graphNodes").asInt());
    assertTrue(seen.path("graphNodes").asInt() >= 8, seen.toString());
    assertClickedNodeShowsItsCall(data, seen, rec);
    assertTrue(seen.path("traceRows").asInt() > 1, seen.toString());
    assertTrue(seen.path("errorGroups").asInt() >= 1, seen.toString());
    assertScreenshots("example");
  }

  @Test
  void millionCallRunStaysSmallAndCollapses() throws Exception {
    Path queue = tmp.resolve("queue");
    int chains = 333_334;
    ForkedJvm.Result app =
        ForkedJvm.of(ChainsApp.class.getName(), String.valueOf(chains), "2")
            .agent("dir=" + queue + ",export=none,http.enabled=false,run.name=chains")
            .timeout(600)
            .run();
    assertEquals(0, app.exitCode(), app.stderr());
    Path html = tmp.resolve("large.html");
    // A small heap: the report keeps aggregates, never the calls.
    ForkedJvm.Result r =
        AgentCli.jar(
            List.of("-Xmx64m"), "report", "--dir", queue.toString(), "--out", html.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    long size = Files.size(html);
    assertTrue(size < MAX_PAGE_BYTES, "page of " + size + " bytes");

    JsonNode data = BrowserCheck.embeddedData(html);
    long failed = chains / 1000;
    assertEquals(3L * chains, data.path("header").path("calls").asLong());
    assertEquals(failed, data.path("header").path("errors").asLong());
    // A third of a million identical chains: five nodes, each with its count.
    Map<String, Long> nodes = new HashMap<>();
    for (JsonNode n : data.path("graph").path("nodes")) {
      String key =
          n.path("kind").asText()
              + " "
              + (n.path("error").asBoolean() ? "✗ " : "")
              + n.path("label").asText();
      nodes.put(key, n.path("count").asLong());
    }
    assertEquals(
        Map.of(
            "input int", (long) chains,
            "call chain.load", (long) chains,
            "call chain.tokenize", (long) chains,
            "call chain.count", chains - failed,
            "call ✗ chain.count", failed),
        nodes);

    JsonNode seen = BrowserCheck.open(html, shots("large"));
    assertClean(seen);
    assertEquals(3, seen.path("toolRows").asInt(), seen.toString());
    assertEquals(5, seen.path("graphNodes").asInt(), seen.toString());
    assertClickedNodeShowsItsCall(data, seen, null);
    assertScreenshots("large");
  }

  private static boolean hasNode(JsonNode data, String tool, boolean error, long count) {
    for (JsonNode n : data.path("graph").path("nodes")) {
      if (tool.equals(n.path("tool").asText())
          && n.path("error").asBoolean() == error
          && n.path("count").asLong() == count) {
        return true;
      }
    }
    return false;
  }

  private static void assertClean(JsonNode seen) {
    assertEquals(0, seen.path("consoleErrors").size(), seen.path("consoleErrors").toString());
    assertEquals(0, seen.path("pageErrors").size(), seen.path("pageErrors").toString());
    assertEquals(0, seen.path("requests").size(), "no network: " + seen.path("requests"));
    assertEquals(0, seen.path("failures").size(), seen.path("failures").toString());
    assertTrue(seen.path("renderTimeout").isMissingNode(), seen.toString());
    assertTrue(seen.path("zoomed").asBoolean(), "the wheel zooms the graph: " + seen);
  }

  /** The clicked node's details show the example call the page embeds for that node. */
  private static void assertClickedNodeShowsItsCall(JsonNode data, JsonNode seen, Recorded rec) {
    String node = seen.path("clicked").path("node").asText();
    String span = seen.path("clicked").path("span").asText();
    JsonNode example = null;
    for (JsonNode n : data.path("graph").path("nodes")) {
      if (n.path("id").asText().equals(node)) {
        example = n.path("example");
      }
    }
    assertTrue(example != null && !example.isMissingNode(), "node " + node + " in " + seen);
    assertEquals(example.path("spanId").asText(), span);
    String text = seen.path("clicked").path("text").asText();
    assertTrue(text.contains(span) && text.contains(example.path("tool").asText()), text);
    if (rec != null) {
      assertEquals(example.path("tool").asText(), rec.bySpan(span).tool());
    }
  }

  private static void assertScreenshots(String name) throws Exception {
    for (String part : List.of("-top.png", "-page.png", "-graph.png")) {
      Path p = shots(name + part);
      assertTrue(Files.size(p) > 10_000, p + " is a real screenshot");
    }
  }
}
