/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tooltrace.cli.TooltraceCli;
import dev.tooltrace.it.app.LineageApp;
import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Recorded;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * The real packaged agent records {@link LineageApp} (a known data flow: fan-in, fan-out, a
 * diamond, a value consumed twice, a value passed through unchanged, a stage on an executor, an
 * asynchronous tool); {@code lineage} and {@code impact --json} must then answer exactly the
 * expected calls, values and edges: nothing missing, nothing extra.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentLineageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  Path dir;
  Recorded rec;
  String run;

  /** Every edge of the app's data flow, as "from>to:type[:role]" (see LineageApp). */
  Set<String> allEdges;

  @BeforeAll
  void runTheAppUnderTheAgent(@TempDir Path tmp) throws Exception {
    dir = tmp.resolve("q");
    ForkedJvm.Result r =
        ForkedJvm.of(LineageApp.class.getName())
            .agent("dir=" + dir + ",export=none,http.enabled=false")
            .run();
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().startsWith("published [tag:report of "), r.stdout());
    rec = Recorded.read(dir);
    assertEquals(1, rec.runs.size());
    run = rec.runs.get(0).runId();
    assertEquals(
        13, rec.calls.size(), () -> "tools: " + rec.calls.stream().map(CallRecord::tool).toList());

    allEdges =
        set(
            used(in("alpha"), s("loadA"), "name"),
            gen(s("loadA")),
            used(in("beta"), s("loadB"), "name"),
            gen(s("loadB")),
            used(out("loadA"), s("combine"), "left"),
            used(out("loadB"), s("combine"), "right"),
            gen(s("combine")),
            used(out("loadB"), s("note"), "source"),
            gen(s("note")),
            used(out("combine"), s("upper"), "s"),
            gen(s("upper")),
            used(out("combine"), s("reverse"), "s"),
            gen(s("reverse")),
            used(out("upper"), s("merge"), "x"),
            used(out("reverse"), s("merge"), "y"),
            gen(s("merge")),
            used(out("merge"), s("passThrough"), "value"),
            gen(s("passThrough")),
            used(out("passThrough"), s("report"), "first,second"),
            gen(s("report")),
            used(out("report"), s("analyze"), "r"),
            used(out("stats"), s("analyze"), "(returned)"),
            gen(s("analyze")),
            used(out("report"), s("stats"), "r"),
            gen(s("stats")),
            used(out("analyze"), s("tagAsync"), "s"),
            gen(s("tagAsync")),
            used(out("tagAsync"), s("publish"), "tags"),
            used(out("note"), s("publish"), "remark"),
            gen(s("publish")));
  }

  @Test
  void theRecordsCarryTheThreadAndAsyncShapeTheTestReliesOn() {
    CallRecord analyze = call("analyze");
    CallRecord stats = call("stats");
    assertEquals(analyze.spanId(), stats.parentSpanId(), "the executor stage is a child");
    assertNotEquals(analyze.threadName(), stats.threadName());
    assertTrue(call("tagAsync").hasFlag(RecordFormat.FLAG_ASYNC), "the future was not done");
  }

  @Test
  void lineageOfTheLastCallIsTheWholeFlow() throws Exception {
    JsonNode j = cli("lineage", s("publish"));
    assertEquals(
        set(
            "publish",
            "tagAsync",
            "analyze",
            "stats",
            "report",
            "passThrough",
            "merge",
            "upper",
            "reverse",
            "combine",
            "note",
            "loadA",
            "loadB"),
        callsOf(j));
    Set<String> upstream = new TreeSet<>(allEdges);
    upstream.remove(gen(s("publish"))); // lineage of a call ends at the call, not its result
    assertExactly(upstream, edgesOf(j));
    assertEquals(Set.of(in("alpha"), in("beta")), texts(j.get("externalInputs")));
  }

  @Test
  void lineageOfADiamondStopsAtItsSources() throws Exception {
    JsonNode j = cli("lineage", s("merge"));
    assertEquals(
        set(
            s("merge"),
            out("upper"),
            s("upper"),
            out("reverse"),
            s("reverse"),
            out("combine"),
            s("combine"),
            out("loadA"),
            s("loadA"),
            out("loadB"),
            s("loadB"),
            in("alpha"),
            in("beta")),
        nodesOf(j));
    assertExactly(induced(j), edgesOf(j));
  }

  @Test
  void lineageOfTheExecutorStageAndOfAValuePassedThrough() throws Exception {
    JsonNode stats = cli("lineage", s("stats"));
    assertEquals(
        set(
            "stats",
            "report",
            "passThrough",
            "merge",
            "upper",
            "reverse",
            "combine",
            "loadA",
            "loadB"),
        callsOf(stats));
    assertExactly(induced(stats), edgesOf(stats));

    // By content hash: the Stats object is returned by stats and, unchanged, by analyze.
    String statsHash = call("stats").result().hash();
    assertEquals(statsHash, call("analyze").result().hash());
    JsonNode byHash = cli("lineage", statsHash);
    assertEquals(Set.of(out("stats"), out("analyze")), texts(byHash.get("start")));
    assertEquals(
        set(
            "analyze",
            "stats",
            "report",
            "passThrough",
            "merge",
            "upper",
            "reverse",
            "combine",
            "loadA",
            "loadB"),
        callsOf(byHash));
    assertExactly(induced(byHash), edgesOf(byHash));
  }

  @Test
  void impactOfASourceFollowsFanOutButNotItsSibling() throws Exception {
    JsonNode j = cli("impact", s("loadA"));
    assertEquals(
        set(
            "loadA",
            "combine",
            "upper",
            "reverse",
            "merge",
            "passThrough",
            "report",
            "analyze",
            "stats",
            "tagAsync",
            "publish"),
        callsOf(j));
    assertEquals(
        set(
            out("loadA"),
            out("combine"),
            out("upper"),
            out("reverse"),
            out("merge"),
            out("passThrough"),
            out("report"),
            out("analyze"),
            out("stats"),
            out("tagAsync"),
            out("publish")),
        valuesOf(j));
    assertExactly(induced(j), edgesOf(j));

    JsonNode beta = cli("impact", s("loadB"));
    Set<String> withNote = callsOf(j);
    withNote.add("note");
    withNote.remove("loadA");
    withNote.add("loadB");
    assertEquals(withNote, callsOf(beta));
  }

  @Test
  void impactOfOneBranchOfTheDiamondAndOfTheSideBranch() throws Exception {
    JsonNode upper = cli("impact", s("upper"));
    assertEquals(
        set("upper", "merge", "passThrough", "report", "analyze", "stats", "tagAsync", "publish"),
        callsOf(upper));
    assertExactly(induced(upper), edgesOf(upper));

    JsonNode note = cli("impact", s("note"));
    assertEquals(set(s("note"), out("note"), s("publish"), out("publish")), nodesOf(note));
    assertExactly(induced(note), edgesOf(note));
  }

  @Test
  void impactOfAValueHashAndOfTheAsyncToolsResult() throws Exception {
    String combined = call("combine").result().hash();
    JsonNode j = cli("impact", combined);
    assertEquals(List.of(out("combine")), List.of(texts(j.get("start")).toArray()));
    assertEquals(
        set(
            "upper",
            "reverse",
            "merge",
            "passThrough",
            "report",
            "analyze",
            "stats",
            "tagAsync",
            "publish"),
        callsOf(j));
    assertExactly(induced(j), edgesOf(j));

    JsonNode async = cli("impact", s("tagAsync"));
    assertEquals(set(s("tagAsync"), out("tagAsync"), s("publish"), out("publish")), nodesOf(async));
    assertExactly(induced(async), edgesOf(async));

    // An external input: everything that depends on "alpha".
    JsonNode alpha = cli("impact", call("loadA").args().get(0).hash());
    Set<String> expected = callsOf(cli("impact", s("loadA")));
    assertEquals(expected, callsOf(alpha));
  }

  // ---- the recorded calls, by the names the expectations use ----

  private CallRecord call(String name) {
    switch (name) {
      case "loadA":
      case "loadB":
        String arg = name.equals("loadA") ? "alpha" : "beta";
        List<CallRecord> loads = new ArrayList<>();
        for (CallRecord c : rec.tool("LineageApp.load")) {
          if (c.args().get(0).preview().equals(arg)) {
            loads.add(c);
          }
        }
        assertEquals(1, loads.size(), name);
        return loads.get(0);
      default:
        return rec.one("LineageApp." + name);
    }
  }

  private String s(String name) {
    return call(name).spanId();
  }

  private String out(String name) {
    return "out:" + s(name);
  }

  private String in(String loadArg) {
    return "in:"
        + run
        + ":"
        + call(loadArg.equals("alpha") ? "loadA" : "loadB").args().get(0).hash();
  }

  private static String used(String value, String call, String role) {
    return value + ">" + call + ":used:" + role;
  }

  private static String gen(String call) {
    return call + ">out:" + call + ":generated";
  }

  // ---- the CLI's answers ----

  private JsonNode cli(String command, String target) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        TooltraceCli.execute(
            new PrintWriter(out),
            new PrintWriter(err),
            command,
            target,
            "--dir",
            dir.toString(),
            "--json");
    assertEquals(0, code, err::toString);
    // The default path answers from the query index (no silent fallback to a full read).
    assertFalse(err.toString().contains("reading the queues in full"), err::toString);
    return JSON.readTree(out.toString());
  }

  private Set<String> nodesOf(JsonNode j) {
    Set<String> ids = new TreeSet<>();
    j.get("nodes").forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  private Set<String> valuesOf(JsonNode j) {
    Set<String> ids = new TreeSet<>();
    j.get("nodes")
        .forEach(
            n -> {
              if (n.get("kind").asText().equals("value")) {
                ids.add(n.get("id").asText());
              }
            });
    return ids;
  }

  /** The calls of the answer, by the names the expectations use ("loadA" for load("alpha")). */
  private Set<String> callsOf(JsonNode j) {
    Set<String> names = new TreeSet<>();
    for (JsonNode n : j.get("nodes")) {
      if (n.get("kind").asText().equals("call")) {
        String span = n.get("id").asText();
        String tool = rec.bySpan(span).tool().substring("LineageApp.".length());
        if (tool.equals("load")) {
          tool = span.equals(s("loadA")) ? "loadA" : "loadB";
        }
        names.add(tool);
      }
    }
    return names;
  }

  private static Set<String> edgesOf(JsonNode j) {
    Set<String> edges = new TreeSet<>();
    for (JsonNode e : j.get("edges")) {
      String s = e.get("from").asText() + ">" + e.get("to").asText() + ":" + e.get("type").asText();
      if (e.has("role")) {
        s += ":" + e.get("role").asText();
      }
      assertTrue(edges.add(s), "duplicate edge " + s);
    }
    return edges;
  }

  /**
   * The expected edges between the answer's nodes. Both closures emit every edge of the data flow
   * whose ends they reached, so, with the node set checked exactly, this checks the edges exactly.
   */
  private Set<String> induced(JsonNode j) {
    Set<String> nodes = nodesOf(j);
    Set<String> out = new TreeSet<>();
    for (String e : allEdges) {
      String from = e.substring(0, e.indexOf('>'));
      String rest = e.substring(e.indexOf('>') + 1);
      String to = rest.startsWith("out:") ? rest.substring(0, 20) : rest.substring(0, 16);
      if (nodes.contains(from) && nodes.contains(to)) {
        out.add(e);
      }
    }
    return out;
  }

  /** Set equality that names what is missing and what is extra. */
  private static void assertExactly(Set<String> expected, Set<String> actual) {
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(actual);
    Set<String> extra = new TreeSet<>(actual);
    extra.removeAll(expected);
    assertTrue(missing.isEmpty() && extra.isEmpty(), "missing " + missing + ", extra " + extra);
  }

  private static Set<String> texts(JsonNode arr) {
    Set<String> s = new TreeSet<>();
    arr.forEach(n -> s.add(n.asText()));
    return s;
  }

  private static Set<String> set(String... items) {
    return new TreeSet<>(List.of(items));
  }
}
