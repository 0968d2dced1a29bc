/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tooltrace.cli.TooltraceCli;
import dev.tooltrace.examples.DocumentPipeline;
import dev.tooltrace.it.app.CollectionsApp;
import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Paths;
import dev.tooltrace.it.harness.Recorded;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.ValueRecord;
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
 * Element-level lineage, proven on the real packaged agent: {@link CollectionsApp} runs each shape
 * of issue 14 with a known data flow (a list of outputs passed to a tool, a tool returning a list
 * whose elements go to other tools, a map of outputs, an array, a record holding a list, the same
 * element in two lists, a list mutated after it was passed); {@code lineage} and {@code impact
 * --json} must answer exactly the true calls, values and edges: nothing missing, nothing extra. And
 * the example pipeline's lineage reaches {@code loader.load}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollectionLineageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP = "CollectionsApp.";

  Path dir;
  Recorded rec;
  String run;

  @BeforeAll
  void runTheAppUnderTheAgent(@TempDir Path tmp) throws Exception {
    dir = tmp.resolve("q");
    ForkedJvm.Result r =
        ForkedJvm.of(CollectionsApp.class.getName())
            .agent("dir=" + dir + ",export=none,http.enabled=false")
            .run();
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().startsWith("merged 3 summaries | indexed 3 topics"), r.stdout());
    rec = Recorded.read(dir);
    run = rec.runs.get(0).runId();
  }

  // ---- the shapes ----

  @Test
  void aToolReturningAListWhoseElementsGoToOtherTools() throws Exception {
    JsonNode j = cli("lineage", s("summarize", "summary of doc-1"));
    assertExactly(
        set(
            used(out("load"), s("summarize", "summary of doc-1"), "d", "element of return"),
            gen(s("load")),
            used(arg(s("load"), 0), s("load"), "n", null)),
        edges(j));
    assertExactly(
        set(s("summarize", "summary of doc-1"), out("load"), s("load"), arg(s("load"), 0)),
        nodes(j));

    ValueRecord docs = call("load").result();
    assertEquals(3, docs.elements().size(), "each loaded document is an element");
    assertTrue(docs.elements().stream().allMatch(e -> e.hash() != null));
    ValueRecord d = call("summarize", "summary of doc-1").args().get(0);
    assertEquals(call("load").spanId(), d.producerSpanId());
    assertTrue(d.producerIsElement());

    JsonNode impact = cli("impact", s("load"));
    Set<String> calls = new TreeSet<>();
    for (String n : nodes(impact)) {
      if (!n.startsWith("out:")) {
        calls.add(rec.bySpan(n).tool().substring(APP.length()));
      }
    }
    assertEquals(set("index", "load", "merge", "summarize", "topic"), calls);
    assertEquals(3 + 3 + 1 + 1 + 1, countCalls(impact), "every summarize and topic, merge, index");
  }

  @Test
  void aListOfOutputsPassedToATool() throws Exception {
    JsonNode j = cli("lineage", s("merge"));
    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < 3; i++) {
      String sum = s("summarize", "summary of doc-" + i);
      expected.add(used("out:" + sum, s("merge"), "summaries", "element of arg 0"));
      expected.add(gen(sum));
      expected.add(used(out("load"), sum, "d", "element of return"));
    }
    expected.add(gen(s("load")));
    expected.add(used(arg(s("load"), 0), s("load"), "n", null));
    assertExactly(expected, edges(j));
    assertEquals(
        List.of(arg(s("load"), 0)),
        List.copyOf(texts(j.get("externalInputs"))),
        "the list itself is no external input: its elements explain it");
    ValueRecord list = call("merge").args().get(0);
    assertEquals(3, list.elements().size());
    assertTrue(list.elements().stream().allMatch(e -> e.producerSpanId() != null));
  }

  @Test
  void aMapOfOutputsKeysAndValues() throws Exception {
    JsonNode j = cli("lineage", s("index"));
    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < 3; i++) {
      String sum = s("summarize", "summary of doc-" + i);
      String top = s("topic", "topic of doc-" + i);
      expected.add(used("out:" + sum, s("index"), "byTopic", "element of arg 0"));
      expected.add(used("out:" + top, s("index"), "byTopic", "element of arg 0"));
      expected.add(gen(sum));
      expected.add(gen(top));
      expected.add(used(out("load"), sum, "d", "element of return"));
      expected.add(used(out("load"), top, "d", "element of return"));
    }
    expected.add(gen(s("load")));
    expected.add(used(arg(s("load"), 0), s("load"), "n", null));
    assertExactly(expected, edges(j));
  }

  @Test
  void anArrayAndARecordHoldingAList() throws Exception {
    String a = s("tokenize", "tokens of alpha text");
    String b = s("tokenize", "tokens of beta text");
    assertExactly(
        set(
            used("out:" + a, s("join"), "parts", "element of arg 0"),
            used("out:" + b, s("join"), "parts", "element of arg 0"),
            gen(a),
            gen(b),
            used(in(a), a, "text", null),
            used(in(b), b, "text", null)),
        edges(cli("lineage", s("join"))));

    String x = s("label", "label x");
    String y = s("label", "label y");
    assertExactly(
        set(
            used("out:" + x, s("process"), "b", "element of arg 0"),
            used("out:" + y, s("process"), "b", "element of arg 0"),
            gen(x),
            gen(y),
            used(in(x), x, "s", null),
            used(in(y), y, "s", null)),
        edges(cli("lineage", s("process"))));
  }

  @Test
  void theSameElementInTwoLists() throws Exception {
    String shared = s("make", "made shared");
    String leftOnly = s("make", "made left only");
    String rightOnly = s("make", "made right only");
    assertExactly(
        set(
            used("out:" + shared, s("left"), "l", "element of arg 0"),
            used("out:" + leftOnly, s("left"), "l", "element of arg 0"),
            gen(shared),
            gen(leftOnly),
            used(in(shared), shared, "what", null),
            used(in(leftOnly), leftOnly, "what", null)),
        edges(cli("lineage", s("left"))));
    assertExactly(
        set(
            used("out:" + shared, s("right"), "l", "element of arg 0"),
            used("out:" + rightOnly, s("right"), "l", "element of arg 0"),
            gen(shared),
            gen(rightOnly),
            used(in(shared), shared, "what", null),
            used(in(rightOnly), rightOnly, "what", null)),
        edges(cli("lineage", s("right"))));
    assertExactly(
        set(shared, "out:" + shared, s("left"), out("left"), s("right"), out("right")),
        nodes(cli("impact", shared)));
  }

  @Test
  void aListMutatedAfterItWasPassed() throws Exception {
    String first = s("make", "made first");
    String second = s("make", "made second");
    String third = s("make", "made third");
    String before = s("count", "counted 2 items");
    String after = s("count", "counted 3 items");
    assertExactly(
        set(
            used("out:" + first, before, "l", "element of arg 0"),
            used("out:" + second, before, "l", "element of arg 0"),
            gen(first),
            gen(second),
            used(in(first), first, "what", null),
            used(in(second), second, "what", null)),
        edges(cli("lineage", before)));
    assertExactly(
        set(
            used("out:" + first, after, "l", "element of arg 0"),
            used("out:" + second, after, "l", "element of arg 0"),
            used("out:" + third, after, "l", "element of arg 0"),
            gen(first),
            gen(second),
            gen(third),
            used(in(first), first, "what", null),
            used(in(second), second, "what", null),
            used(in(third), third, "what", null)),
        edges(cli("lineage", after)));
    assertExactly(
        set(third, "out:" + third, after, "out:" + after),
        nodes(cli("impact", third)),
        "what was added after the first call did not feed it");
  }

  @Test
  void theExamplePipelinesLineageReachesTheLoader(@TempDir Path tmp) throws Exception {
    Path q = tmp.resolve("example");
    ForkedJvm.Result r =
        ForkedJvm.of(DocumentPipeline.class.getName(), "8", "2")
            .classpath(Paths.examplesJar())
            .agent("dir=" + q + ",export=none,http.enabled=false")
            .run();
    assertEquals(0, r.exitCode(), r.stderr());
    Recorded ex = Recorded.read(q);
    CallRecord summarize = ex.tool("summarizer.summarize").get(0);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        TooltraceCli.execute(
            new PrintWriter(out),
            new PrintWriter(err),
            "lineage",
            summarize.spanId(),
            "--dir",
            q.toString(),
            "--json");
    assertEquals(0, code, err::toString);
    JsonNode j = JSON.readTree(out.toString());
    String load = ex.one("loader.load").spanId();
    assertTrue(nodes(j).contains(load), "lineage reaches loader.load: " + nodes(j));
    Set<String> tools = new TreeSet<>();
    for (String n : nodes(j)) {
      if (!n.contains(":")) {
        tools.add(ex.bySpan(n).tool());
      }
    }
    // summarize(parsed, 40) got the parsed document, parsed from a loaded one; the extractor
    // returned tokens it picked from that parsed document, but summarize got none from it.
    assertEquals(set("loader.load", "parser.parse", "summarizer.summarize"), tools);
    for (JsonNode input : j.get("externalInputs")) {
      assertTrue(
          !input.asText().startsWith("in:") || !textOf(j, input.asText()).contains("RawDocument"),
          "no loaded document is an external input any more: " + input);
    }
  }

  // ---- helpers ----

  private CallRecord call(String tool) {
    return rec.one(APP + tool);
  }

  /** The call of {@code tool} whose result preview is {@code result}. */
  private CallRecord call(String tool, String result) {
    List<CallRecord> l = new ArrayList<>();
    for (CallRecord c : rec.tool(APP + tool)) {
      if (c.result().preview().equals(result)) {
        l.add(c);
      }
    }
    assertEquals(1, l.size(), tool + " returning " + result);
    return l.get(0);
  }

  private String s(String tool) {
    return call(tool).spanId();
  }

  private String s(String tool, String result) {
    return call(tool, result).spanId();
  }

  private String out(String tool) {
    return "out:" + s(tool);
  }

  private static String arg(String span, int i) {
    return "arg:" + span + ":" + i;
  }

  /** The external input node of the first argument of call {@code span}. */
  private String in(String span) {
    return "in:" + run + ":" + rec.bySpan(span).args().get(0).hash();
  }

  private static String used(String value, String call, String role, String link) {
    return value + ">" + call + ":used:" + role + (link == null ? "" : ":" + link);
  }

  private static String gen(String call) {
    return call + ">out:" + call + ":generated";
  }

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
    return JSON.readTree(out.toString());
  }

  private static Set<String> nodes(JsonNode j) {
    Set<String> ids = new TreeSet<>();
    j.get("nodes").forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  private static long countCalls(JsonNode j) {
    long n = 0;
    for (JsonNode x : j.get("nodes")) {
      if (x.get("kind").asText().equals("call")) {
        n++;
      }
    }
    return n;
  }

  private static String textOf(JsonNode j, String id) {
    for (JsonNode n : j.get("nodes")) {
      if (n.get("id").asText().equals(id)) {
        return n.toString();
      }
    }
    return "";
  }

  private static Set<String> edges(JsonNode j) {
    Set<String> edges = new TreeSet<>();
    for (JsonNode e : j.get("edges")) {
      String s = e.get("from").asText() + ">" + e.get("to").asText() + ":" + e.get("type").asText();
      if (e.has("role")) {
        s += ":" + e.get("role").asText();
      }
      if (e.has("link")) {
        s += ":" + e.get("link").asText();
      }
      if (e.has("probable")) {
        s += ":probable";
      }
      assertTrue(edges.add(s), "duplicate edge " + s);
    }
    return edges;
  }

  private static void assertExactly(Set<String> expected, Set<String> actual) {
    assertExactly(expected, actual, "");
  }

  private static void assertExactly(Set<String> expected, Set<String> actual, String what) {
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(actual);
    Set<String> extra = new TreeSet<>(actual);
    extra.removeAll(expected);
    assertTrue(
        missing.isEmpty() && extra.isEmpty(), what + " missing " + missing + ", extra " + extra);
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
