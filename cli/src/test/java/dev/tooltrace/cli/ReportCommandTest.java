/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static dev.tooltrace.cli.TestQueue.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tooltrace.cli.TestQueue.V;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report}: the model the page embeds, built from synthetic queues, and bad input. */
class ReportCommandTest {
  private static final ObjectMapper M = new ObjectMapper();

  @TempDir Path dir;

  private Path queue() {
    return dir.resolve("q");
  }

  private JsonNode report(String... extra) throws IOException {
    Path out = dir.resolve("run.html");
    String[] args = new String[4 + extra.length];
    args[0] = "report";
    args[1] = "--dir=" + queue();
    args[2] = "--out";
    args[3] = out.toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("wrote " + out.toAbsolutePath()), r.out());
    return data(out);
  }

  static JsonNode data(Path html) throws IOException {
    String page = Files.readString(html, StandardCharsets.UTF_8);
    String open = "<script type=\"application/json\" id=\"report-data\">";
    int from = page.indexOf(open) + open.length();
    return M.readTree(page.substring(from, page.indexOf("</script>", from)));
  }

  /** Node label (✗ for failed, and the tier) → count. */
  private static Map<String, Long> nodes(JsonNode data) {
    Map<String, Long> m = new HashMap<>();
    for (JsonNode n : data.path("graph").path("nodes")) {
      String key =
          (n.path("error").asBoolean() ? "✗ " : "")
              + n.path("label").asText()
              + (n.path("kind").asText().equals("call") ? " " + n.path("tier").asText() : "");
      m.merge(key, n.path("count").asLong(), Long::sum);
    }
    return m;
  }

  private static String id(JsonNode data, String label) {
    for (JsonNode n : data.path("graph").path("nodes")) {
      if (n.path("label").asText().equals(label)) {
        return n.path("id").asText();
      }
    }
    throw new AssertionError("no node " + label);
  }

  private static long edge(JsonNode data, String from, String to) {
    for (JsonNode e : data.path("graph").path("edges")) {
      if (e.path("from").asText().equals(id(data, from))
          && e.path("to").asText().equals(id(data, to))) {
        return e.path("count").asLong();
      }
    }
    return 0;
  }

  @Test
  void aThousandIdenticalChainsBecomeOneNodePerStep() throws IOException {
    try (TestQueue q = new TestQueue(queue())) {
      q.run(TestQueue.T0);
      for (int i = 0; i < 1000; i++) {
        long s = 10L * i;
        long span = 0x1000 + 3L * i;
        q.batch(
            1 + i % 3,
            "worker-" + (i % 3),
            call(span, 0, "load", s, 1)
                .trace(i + 1)
                .arg("path", V.str("file-" + i))
                .returns(V.str("text of document " + i)),
            call(span + 1, 0, "tokenize", s + 2, 1)
                .trace(i + 1)
                .arg("text", V.str("text of document " + i))
                .returns(V.obj("Tokens", "tokens " + i, 0)),
            call(span + 2, 0, "count", s + 4, 1)
                .trace(i + 1)
                .arg("tokens", V.obj("Tokens", "tokens " + i, 0))
                .returns(V.primitiveInt(i)));
      }
      q.runEnd(TestQueue.T0 + 20_000 * TestQueue.MS);
    }
    JsonNode data = report();
    assertEquals(
        Map.of("String", 1000L, "load none", 1000L, "tokenize none", 1000L, "count none", 1000L),
        nodes(data));
    assertEquals(1000, edge(data, "String", "load"));
    assertEquals(1000, edge(data, "load", "tokenize"));
    assertEquals(1000, edge(data, "tokenize", "count"));
    assertEquals(3, data.path("graph").path("edges").size());
    assertEquals(3, data.path("tools").size());
    assertEquals(3000, data.path("header").path("calls").asLong());
    assertEquals("ended", data.path("header").path("state").asText());
    assertEquals(3, data.path("timeline").path("rows").size());
    JsonNode count = data.path("graph").path("nodes").get(0);
    for (JsonNode n : data.path("graph").path("nodes")) {
      if (n.path("label").asText().equals("count")) {
        count = n;
      }
    }
    assertEquals(1000, count.path("finals").asLong(), "every count result is a final output");
    assertEquals("count", count.path("example").path("tool").asText());
  }

  @Test
  void inputsAreLinkedWhenTheProducersBatchReachesTheQueueAfterTheConsumers() throws IOException {
    try (TestQueue q = new TestQueue(queue())) {
      q.run(TestQueue.T0);
      // The consumer (thread 2) ended and was appended first; its producer's batch (thread 1)
      // is appended later because its outermost call ended later.
      q.batch(
          2,
          "consumer",
          call(0x20, 0, "use", 10, 2)
              .trace(2)
              .arg("doc", V.str("the document"))
              .returns(V.str("used")));
      q.batch(
          1,
          "producer",
          call(0x11, 0x10, "make", 1, 3).arg("n", V.primitiveInt(7)).returns(V.str("the document")),
          call(0x10, 0, "outer", 0, 30).returns(V.voidValue()));
    }
    JsonNode data = report();
    assertEquals(1, edge(data, "make", "use"), data.path("graph").toString());
    assertFalse(nodes(data).containsKey("String"), "the document is not an external input");
  }

  @Test
  void confidenceTiersSplitNodesAndPropagateDownstream() throws IOException {
    try (TestQueue q = new TestQueue(queue())) {
      q.run(TestQueue.T0);
      double[] conf = {0.9, 0.6, 0.2};
      for (int i = 0; i < 3; i++) {
        long span = 0x100 + 2L * i;
        q.batch(
            1,
            "main",
            call(span, 0, "classify", 10L * i, 1)
                .trace(i + 1)
                .confidence(conf[i])
                .arg("doc", V.str("doc " + i))
                .returns(V.str("label " + i)),
            call(span + 1, 0, "publish", 10L * i + 2, 1)
                .trace(i + 1)
                .arg("label", V.str("label " + i))
                .returns(V.voidValue()));
      }
    }
    JsonNode data = report();
    Map<String, Long> n = nodes(data);
    assertEquals(1L, n.get("classify high"));
    assertEquals(1L, n.get("classify medium"));
    assertEquals(1L, n.get("classify low"));
    // publish reports nothing: its effective confidence is its input's.
    assertEquals(1L, n.get("publish low"));
    assertEquals(1L, n.get("publish high"));
    JsonNode tiers = data.path("tools").get(0).path("tiers");
    assertEquals("classify", data.path("tools").get(0).path("tool").asText());
    assertEquals(1, tiers.path("high").asLong());
    assertEquals(1, tiers.path("medium").asLong());
    assertEquals(1, tiers.path("low").asLong());
  }

  @Test
  void errorsAreGroupedByTypeWithOneStackTrace() throws IOException {
    try (TestQueue q = new TestQueue(queue())) {
      q.run(TestQueue.T0);
      q.batch(
          1,
          "main",
          call(0x1, 0, "parse", 0, 1).fails("java.io.IOException", "bad header"),
          call(0x2, 0, "fetch", 2, 1).trace(2).fails("java.io.IOException", "connection reset"),
          call(0x3, 0, "score", 4, 1)
              .trace(3)
              .fails("java.lang.IllegalStateException", "no model"));
    }
    JsonNode errors = report().path("errors");
    assertEquals(2, errors.size());
    JsonNode io = errors.get(0);
    assertEquals("java.io.IOException", io.path("type").asText());
    assertEquals(2, io.path("count").asLong());
    assertEquals(Map.of("parse", 1, "fetch", 1), M.convertValue(io.path("tools"), Map.class));
    assertEquals(2, io.path("messages").asInt());
    assertEquals("bad header", io.path("example").path("error").path("message").asText());
    assertTrue(io.path("example").path("error").path("stackTrace").asText().contains("at example"));
  }

  @Test
  void measuredToolsCarryTheirCostAndOthersNone() throws IOException {
    try (TestQueue q = new TestQueue(queue())) {
      q.run(TestQueue.T0);
      for (int i = 1; i <= 20; i++) {
        q.batch(
            1,
            "main",
            call(0x100 + i, 0, "train", i * 10, 5)
                .trace(i)
                .cost(i * 1_000_000L, i * 500_000L, i * 1024L, i * 512L),
            call(0x200 + i, 0, "load", i * 10 + 6, 1).trace(100 + i));
      }
    }
    JsonNode tools = report().path("tools");
    JsonNode train = null;
    for (JsonNode t : tools) {
      if (t.path("tool").asText().equals("train")) {
        train = t.path("cost");
      } else {
        assertTrue(t.path("cost").isNull(), "not measured: " + t);
      }
    }
    assertEquals(20, train.path("calls").asLong());
    assertEquals(210_000_000L, train.path("cpuTotalNanos").asLong());
    assertEquals(105_000_000L, train.path("selfCpuTotalNanos").asLong());
    assertEquals(19_000_000L, train.path("cpuP95Nanos").asLong(), 19_000.0);
    assertEquals(210 * 1024L, train.path("allocatedTotalBytes").asLong());
    assertEquals(19 * 1024L, train.path("allocatedP95Bytes").asLong(), 19.0);
  }

  @Test
  void recordedValuesCannotBreakOutOfThePage() throws IOException {
    String hostile = "</script><script>alert('x')</script><!-- & \u2028";
    try (TestQueue q = new TestQueue(queue())) {
      q.run(TestQueue.T0);
      q.batch(
          1, "main", call(0x1, 0, "echo", 0, 1).arg("s", V.str(hostile)).returns(V.str(hostile)));
    }
    JsonNode data = report();
    String page = Files.readString(dir.resolve("run.html"), StandardCharsets.UTF_8);
    assertEquals(2, page.split("</script>", -1).length - 1, "only the page's own two script ends");
    assertFalse(page.contains("<script>alert"));
    assertTrue(page.contains("default-src 'none'"), "the page may make no request");
    JsonNode example = data.path("slowestTraces").get(0).path("calls").get(0);
    assertEquals(hostile, example.path("result").path("preview").asText());
  }

  @Test
  void outputChoosesWhoseLineageIsDrawn() throws IOException {
    try (TestQueue q = new TestQueue(queue())) {
      q.run(TestQueue.T0);
      q.batch(
          1,
          "main",
          call(0x1, 0, "a", 0, 1).arg("x", V.str("in a")).returns(V.str("from a")),
          call(0x2, 0, "b", 2, 1).trace(2).arg("x", V.str("in b")).returns(V.str("from b")),
          call(0x3, 0, "c", 4, 1).trace(3).arg("y", V.str("from b")).returns(V.str("from c")));
    }
    JsonNode all = report();
    // Both external inputs are Strings passed as x: one input node with two values.
    assertEquals(4, all.path("graph").path("nodes").size(), all.path("graph").toString());
    JsonNode chosen = report("--output", TestQueue.span(0x3));
    Map<String, Long> n = nodes(chosen);
    assertEquals(Map.of("String", 2L, "b none", 1L, "c none", 1L), n);
    assertEquals(2, chosen.path("graph").path("edges").size(), "String→b and b→c only");

    Cli.Result r =
        Cli.run(
            "report",
            "--dir",
            queue().toString(),
            "--out",
            dir.resolve("x.html").toString(),
            "--output",
            "00000000000000ff");
    assertEquals(ExitCodes.NO_DATA, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("no call in run"), r.err());
  }

  @Test
  void aRunIdThatDoesNotExistIsOneClearLine() {
    try (TestQueue q = new TestQueue(queue())) {
      q.run(TestQueue.T0).runEnd(TestQueue.T0 + TestQueue.MS);
    }
    Cli.Result r =
        Cli.run(
            "report",
            "--dir",
            queue().toString(),
            "--run",
            "ffff",
            "--out",
            dir.resolve("x.html").toString());
    assertEquals(ExitCodes.NO_DATA, r.code());
    assertEquals(
        "tooltrace: no run ffff in the queue (runs: " + TestQueue.RUN + ")", r.err().strip());
    assertFalse(Files.exists(dir.resolve("x.html")));
  }

  @Test
  void aQueueWithNoRunInItIsOneClearLine() {
    try (TestQueue q = new TestQueue(queue())) {
      q.garbage();
    }
    Cli.Result r =
        Cli.run("report", "--dir", queue().toString(), "--out", dir.resolve("x.html").toString());
    assertEquals(ExitCodes.NO_DATA, r.code(), r.err());
    List<String> lines = r.err().strip().lines().toList();
    assertEquals(2, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith("tooltrace: skipped unreadable document"), r.err());
    assertEquals("tooltrace: the queue holds no run", lines.get(1));
  }

  @Test
  void notAQueueIsAUsageError() throws IOException {
    Files.createDirectories(queue());
    Cli.Result r =
        Cli.run("report", "--dir", queue().toString(), "--out", dir.resolve("x.html").toString());
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void anEmptyRunIsAReportThatSaysSo() throws IOException {
    try (TestQueue q = new TestQueue(queue())) {
      q.run(TestQueue.T0).runEnd(TestQueue.T0 + 5 * TestQueue.MS);
    }
    JsonNode data = report();
    assertEquals(0, data.path("header").path("calls").asLong());
    assertEquals("ended", data.path("header").path("state").asText());
    assertEquals(0, data.path("tools").size());
    assertEquals(0, data.path("graph").path("nodes").size());
    assertEquals(5_000_000, data.path("header").path("durationNanos").asLong());
    String page = Files.readString(dir.resolve("run.html"));
    assertTrue(page.contains("This run recorded no calls."), "the page's script says it");
    // Without --out the page goes to stdout, nothing else does.
    Cli.Result r = Cli.run("report", "--dir", queue().toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("<!DOCTYPE html>"), r.out());
    assertTrue(r.out().strip().endsWith("</html>"));
  }

  @Test
  void aRunStillBeingWrittenIsASnapshotThatSaysSo() throws Exception {
    Process alive = new ProcessBuilder("sleep", "60").start();
    try {
      String host = InetAddress.getLocalHost().getHostName();
      // The run started after its process did (a pid that started later was reused).
      long start = System.currentTimeMillis() * TestQueue.MS;
      try (TestQueue q = new TestQueue(queue())) {
        q.run(start, alive.pid(), "{\"host.name\":\"" + host + "\"}");
        q.batch(1, "main", call(0x1, 0, "step", 0, 1).returns(V.str("one")));
      }
      JsonNode data = report();
      assertEquals("running", data.path("header").path("state").asText());
      Cli.Result r =
          Cli.run("report", "--dir", queue().toString(), "--out", dir.resolve("y.html").toString());
      assertTrue(r.out().contains("still being written"), r.out());

      // A run older than the live process with its pid: the pid was reused, the run is over.
      Path old = dir.resolve("old");
      try (TestQueue q = new TestQueue(old)) {
        q.run(TestQueue.T0, alive.pid(), "{\"host.name\":\"" + host + "\"}");
      }
      Path html = dir.resolve("old.html");
      assertEquals(0, Cli.run("report", "--dir", old.toString(), "--out", html.toString()).code());
      assertEquals("unended", data(html).path("header").path("state").asText());
    } finally {
      alive.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    // The same run once its process is gone without an end record: killed.
    assertEquals("unended", report().path("header").path("state").asText());
  }
}
