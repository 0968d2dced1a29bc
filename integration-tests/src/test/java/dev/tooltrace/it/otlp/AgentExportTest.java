/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.examples.DocumentPipeline;
import dev.tooltrace.it.app.SteadyApp;
import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Paths;
import dev.tooltrace.it.harness.Recorded;
import dev.tooltrace.it.otlp.receiver.OtlpReceiver;
import dev.tooltrace.it.otlp.receiver.OtlpReceiver.ReceivedLog;
import dev.tooltrace.it.otlp.receiver.OtlpReceiver.ReceivedSpan;
import dev.tooltrace.record.CallRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged agent exports from inside the application: the example pipeline in a forked JVM
 * under {@code -javaagent}, configured only by the standard {@code OTEL_EXPORTER_OTLP_*} variables,
 * against a receiver that decodes the official protobufs, over gRPC and HTTP/protobuf. Fault tests:
 * the receiver is down when the app starts, and the app is killed with SIGKILL mid-run; either way
 * every span id the queue holds reaches the receiver.
 */
class AgentExportTest {
  private static final String SERVICE = "agent-export-it";
  private static final String MALFORMED =
      "dev.tooltrace.examples.Parser$MalformedDocumentException";

  /** 14 documents: doc-006 and doc-013 are malformed (every seventh). */
  private static final int DOCS = 14;

  private static final int BATCH = 16;

  @TempDir Path tmp;
  OtlpReceiver receiver;

  @BeforeEach
  void start() throws IOException {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void theExamplePipelineArrivesAsSpansLogsAndMetrics(String protocol) throws Exception {
    Path dir = tmp.resolve("q");
    ForkedJvm jvm =
        ForkedJvm.of(DocumentPipeline.class.getName(), String.valueOf(DOCS), "2")
            .classpath(Paths.examplesJar())
            .agent("dir=" + dir + ",http.enabled=false")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint(protocol))
            .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
            .env("OTEL_METRIC_EXPORT_INTERVAL", "500")
            .env("OTEL_SERVICE_NAME", SERVICE);
    Run run = Run.start(jvm);
    assertEquals(0, run.waitFor(120), run::stderr);
    assertTrue(run.stdout().contains("processed 12 of 14 documents"), run::stdout);

    Recorded rec = Recorded.read(dir);
    Set<String> inQueue = spanIds(rec);
    assertEquals(1 + DOCS + DOCS + 3 * (DOCS - 2), inQueue.size());
    // The agent drains on exit (bounded): by the time the JVM is gone the receiver has it all.
    assertEquals(inQueue, receiver.spanIds(), "every recorded call was exported before exit");
    assertEquals(inQueue.size(), receiver.spans().size(), "no duplicates on a clean run");

    String runId = rec.runs.get(0).runId();
    List<ReceivedSpan> spans = receiver.spans();
    assertResource(spans.get(0), runId, run.pid());
    assertTrue(spans.stream().allMatch(s -> s.resource().equals(spans.get(0).resource())));
    assertTrue(
        spans.stream().allMatch(s -> s.span().getKind() == Span.SpanKind.SPAN_KIND_INTERNAL));
    assertEquals(
        Set.of(
            "loader.load",
            "pipeline.process",
            "parser.parse",
            "extractor.entities",
            "model.classify",
            "summarizer.summarize"),
        spans.stream().map(ReceivedSpan::name).collect(Collectors.toSet()));

    assertTree(spans);
    assertParseAttributes(spans);
    assertClassifyAttributes(spans);
    List<ReceivedSpan> failed = assertFailures(spans);
    assertErrorLogs(failed, runId);
    assertMetrics();
  }

  /**
   * Each document is one trace: pipeline.process with the four stages (only parse if it failed).
   */
  private static void assertTree(List<ReceivedSpan> spans) {
    Map<String, ReceivedSpan> byId = new HashMap<>();
    spans.forEach(s -> byId.put(s.spanId(), s));
    List<ReceivedSpan> roots =
        spans.stream()
            .filter(s -> s.name().equals("pipeline.process"))
            .collect(Collectors.toList());
    assertEquals(DOCS, roots.size());
    Set<String> traces = new TreeSet<>();
    for (ReceivedSpan root : roots) {
      assertTrue(root.span().getParentSpanId().isEmpty(), "process is a root");
      assertTrue(traces.add(root.traceId()), "one trace per document");
      List<String> children =
          spans.stream()
              .filter(s -> s.parentSpanId().equals(root.spanId()))
              .peek(s -> assertEquals(root.traceId(), s.traceId()))
              .peek(
                  s ->
                      assertTrue(
                          s.span().getStartTimeUnixNano() >= root.span().getStartTimeUnixNano()))
              .peek(
                  s ->
                      assertTrue(s.span().getEndTimeUnixNano() <= root.span().getEndTimeUnixNano()))
              .map(ReceivedSpan::name)
              .sorted()
              .collect(Collectors.toList());
      boolean failed = root.span().getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
      assertEquals(
          failed
              ? List.of("parser.parse")
              : List.of(
                  "extractor.entities", "model.classify", "parser.parse", "summarizer.summarize"),
          children,
          () -> "children of " + root.attr("tooltrace.arg.0.preview"));
    }
    ReceivedSpan load =
        spans.stream().filter(s -> s.name().equals("loader.load")).findFirst().orElseThrow();
    assertTrue(load.span().getParentSpanId().isEmpty());
    assertEquals("main", load.attr("thread.name"));
    assertEquals(String.valueOf(DOCS), load.attr("tooltrace.arg.0.preview"));
  }

  private static void assertParseAttributes(List<ReceivedSpan> spans) {
    ReceivedSpan parse =
        spans.stream()
            .filter(s -> s.name().equals("parser.parse"))
            .filter(s -> String.valueOf(s.attr("tooltrace.arg.0.preview")).contains("doc-000"))
            .findFirst()
            .orElseThrow();
    assertEquals("dev.tooltrace.examples.Parser", parse.attr("code.namespace"));
    assertEquals("parse", parse.attr("code.function"));
    assertTrue(
        String.valueOf(parse.attr("thread.name")).startsWith("pool-"),
        () -> "thread " + parse.attr("thread.name"));
    assertEquals("parse", parse.attr("tooltrace.operation"));
    assertEquals("doc", parse.attr("tooltrace.arg.0.name"));
    assertTrue(
        String.valueOf(parse.attr("tooltrace.arg.0.preview"))
            .startsWith("RawDocument[id=doc-000, text=Ada Lovelace"),
        parse::toString);
    assertTrue(isHex32(parse.attr("tooltrace.arg.0.hash")), parse::toString);
    assertTrue(
        String.valueOf(parse.attr("tooltrace.return.preview"))
            .startsWith("ParsedDocument[id=doc-000"),
        parse::toString);
    assertTrue(isHex32(parse.attr("tooltrace.return.hash")), parse::toString);
    assertEquals(Status.StatusCode.STATUS_CODE_UNSET, parse.span().getStatus().getCode());
    assertEquals(0, parse.span().getEventsCount());
    assertFalse(String.valueOf(parse.attr("tooltrace.run.id")).isEmpty());
  }

  private static void assertClassifyAttributes(List<ReceivedSpan> spans) {
    List<ReceivedSpan> classify =
        spans.stream().filter(s -> s.name().equals("model.classify")).collect(Collectors.toList());
    assertEquals(DOCS - 2, classify.size());
    Set<String> tiers = new TreeSet<>();
    for (ReceivedSpan c : classify) {
      Object conf = c.attr("tooltrace.confidence");
      assertTrue(conf instanceof Double, () -> "confidence " + conf);
      double v = (Double) conf;
      assertTrue(v >= 0 && v <= 1, "confidence " + v);
      String tier = v >= 0.8 ? "HIGH" : v >= 0.5 ? "MEDIUM" : "LOW";
      assertEquals(tier, c.attr("tooltrace.quality"), "tier of " + v);
      tiers.add(tier);
      assertEquals("model", c.attr("tooltrace.operation"));
    }
    assertTrue(tiers.size() >= 2, "the example spans tiers: " + tiers);
  }

  /** The two malformed documents: exception events and status ERROR on parse and process. */
  private static List<ReceivedSpan> assertFailures(List<ReceivedSpan> spans) {
    List<ReceivedSpan> failed =
        spans.stream()
            .filter(s -> s.span().getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR)
            .collect(Collectors.toList());
    assertEquals(4, failed.size(), () -> "failed: " + failed);
    Set<String> failedParses = new TreeSet<>();
    for (ReceivedSpan f : failed) {
      assertTrue(Set.of("parser.parse", "pipeline.process").contains(f.name()), f.name());
      String doc = String.valueOf(f.attr("tooltrace.arg.0.preview")).substring(15, 22);
      assertTrue(Set.of("doc-006", "doc-013").contains(doc), doc);
      String message = "document " + doc + " is malformed";
      assertTrue(f.span().getStatus().getMessage().contains(message), f.span()::toString);
      assertEquals(1, f.span().getEventsCount());
      Span.Event e = f.span().getEvents(0);
      assertEquals("exception", e.getName());
      assertEquals(MALFORMED, OtlpReceiver.attr(e.getAttributesList(), "exception.type"));
      assertEquals(message, OtlpReceiver.attr(e.getAttributesList(), "exception.message"));
      String stack =
          String.valueOf(OtlpReceiver.attr(e.getAttributesList(), "exception.stacktrace"));
      assertTrue(stack.startsWith(MALFORMED + ": " + message), stack);
      assertTrue(stack.contains("at dev.tooltrace.examples.Parser.parse("), stack);
      assertTrue(f.attr("tooltrace.return.preview") == null, "a failed call returns nothing");
      if (f.name().equals("parser.parse")) {
        failedParses.add(doc);
      }
    }
    assertEquals(Set.of("doc-006", "doc-013"), failedParses);
    return failed;
  }

  /** One error log record per failed call, correlated by trace and span id. */
  private void assertErrorLogs(List<ReceivedSpan> failed, String runId) {
    OtlpReceiver.await(
        Duration.ofSeconds(10), "error logs", () -> receiver.logRecords().size() >= failed.size());
    List<ReceivedLog> logs = receiver.logRecords();
    assertEquals(
        failed.stream().map(s -> s.traceId() + "/" + s.spanId()).collect(Collectors.toSet()),
        logs.stream().map(l -> l.traceId() + "/" + l.spanId()).collect(Collectors.toSet()));
    assertEquals(failed.size(), logs.size());
    for (ReceivedLog l : logs) {
      assertEquals(SeverityNumber.SEVERITY_NUMBER_ERROR, l.log().getSeverityNumber());
      assertEquals(MALFORMED, l.attr("exception.type"));
      assertTrue(String.valueOf(l.attr("exception.message")).endsWith(" is malformed"));
      assertTrue(String.valueOf(l.attr("exception.stacktrace")).contains("Parser.parse("));
      assertTrue(l.log().getBody().getStringValue().contains(MALFORMED), l.log()::toString);
      assertEquals(runId, OtlpReceiver.attr(l.resource().getAttributesList(), "tooltrace.run.id"));
      assertEquals(SERVICE, OtlpReceiver.attr(l.resource().getAttributesList(), "service.name"));
    }
  }

  private void assertMetrics() {
    Metric calls = receiver.lastMetric("tooltrace.tool.calls");
    assertNotNull(
        calls,
        () ->
            "metrics received: "
                + receiver.metrics().stream()
                    .map(Metric::getName)
                    .distinct()
                    .collect(Collectors.toList()));
    assertTrue(calls.getSum().getIsMonotonic());
    assertEquals(12, count(calls, "parser.parse", "outcome", "ok"));
    assertEquals(2, count(calls, "parser.parse", "outcome", "error"));
    assertEquals(12, count(calls, "pipeline.process", "outcome", "ok"));
    assertEquals(1, count(calls, "loader.load", "outcome", "ok"));
    assertEquals(12, count(calls, "model.classify", "outcome", "ok"));

    Metric errors = receiver.lastMetric("tooltrace.tool.errors");
    assertEquals(2, count(errors, "parser.parse", "error_type", MALFORMED));
    assertEquals(2, count(errors, "pipeline.process", "error_type", MALFORMED));

    Metric duration = receiver.lastMetric("tooltrace.tool.duration");
    assertEquals("s", duration.getUnit());
    HistogramDataPoint parse = histogram(duration, "parser.parse");
    assertEquals(DOCS, parse.getCount());
    assertTrue(parse.getSum() > 0 && parse.getSum() < 60, "seconds, not nanos: " + parse.getSum());

    assertEquals(
        DOCS - 2,
        histogram(receiver.lastMetric("tooltrace.tool.confidence"), "model.classify").getCount());
    Metric quality = receiver.lastMetric("tooltrace.tool.quality");
    long tiers =
        quality.getSum().getDataPointsList().stream()
            .filter(p -> "model.classify".equals(OtlpReceiver.attr(p.getAttributesList(), "tool")))
            .mapToLong(NumberDataPoint::getAsInt)
            .sum();
    assertEquals(DOCS - 2, tiers);
  }

  @Test
  void receiverDownAtStartThenUpWhileTheAppRuns() throws Exception {
    Path dir = tmp.resolve("q");
    receiver.stop(); // connections refused
    ForkedJvm jvm =
        ForkedJvm.of(SteadyApp.class.getName(), "150", "40")
            .agent("dir=" + dir + ",http.enabled=false,export.batch.size=" + BATCH)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.httpEndpoint())
            .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .env("OTEL_EXPORTER_OTLP_TIMEOUT", "2000")
            .env("OTEL_SERVICE_NAME", SERVICE);
    Run run = Run.start(jvm);
    try {
      run.awaitLine("started", 60);
      run.awaitErrLine("export failing", 60); // the exporter is up, failing and backing off
      assertTrue(receiver.spanIds().isEmpty());
      receiver.restart();
      assertEquals(0, run.waitFor(60), run::stderr);
    } finally {
      run.process.destroyForcibly();
    }
    assertTrue(run.stdout().contains("done 150"), run::stdout);
    assertEquals(
        1, run.stderr().lines().filter(l -> l.contains("export failing")).count(), run::stderr);
    assertTrue(run.stderr().contains("export recovered after"), run::stderr);

    Set<String> inQueue = spanIds(Recorded.read(dir));
    assertEquals(300, inQueue.size());
    Set<String> byAgent = receiver.spanIds();
    assertFalse(byAgent.isEmpty(), "the agent's exporter recovered once the receiver was up");
    if (!byAgent.containsAll(inQueue)) {
      // Still backing off when the app exited: the standalone command finishes the job.
      assertEquals(0, standaloneExport(dir, receiver.grpcEndpoint(), "grpc"));
    }
    assertEquals(inQueue, receiver.spanIds());
    assertDuplicatesBounded();
  }

  @Test
  void appKilledWithSigkillMidRunThenStandaloneExport() throws Exception {
    Path dir = tmp.resolve("q");
    ForkedJvm jvm =
        ForkedJvm.of(SteadyApp.class.getName(), "100000", "5")
            .agent("dir=" + dir + ",http.enabled=false,export.batch.size=" + BATCH)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.grpcEndpoint())
            .env("OTEL_SERVICE_NAME", SERVICE);
    Run run = Run.start(jvm);
    try {
      run.awaitLine("started", 60);
      OtlpReceiver.await(
          Duration.ofSeconds(30), "the agent exporting", () -> receiver.spanIds().size() >= 100);
      // The backend refuses for a moment, so calls pile up unexported, then SIGKILL (Linux):
      // no shutdown hook, no final drain, a batch in flight.
      receiver.mode(OtlpReceiver.Mode.UNAVAILABLE);
      Thread.sleep(500);
    } finally {
      run.process.destroyForcibly();
    }
    assertEquals(137, run.waitFor(30));
    receiver.mode(OtlpReceiver.Mode.ACCEPT);

    Recorded rec = Recorded.read(dir);
    assertTrue(rec.ends.isEmpty(), "a killed JVM writes no RUN_END");
    Set<String> inQueue = spanIds(rec);
    Set<String> before = receiver.spanIds();
    assertTrue(inQueue.containsAll(before));
    assertTrue(
        inQueue.size() > before.size(),
        "the kill left calls unexported: "
            + inQueue.size()
            + " recorded, "
            + before.size()
            + " exported");

    assertEquals(0, standaloneExport(dir, receiver.httpEndpoint(), "http/protobuf"));
    assertEquals(inQueue, receiver.spanIds());
    assertDuplicatesBounded();
    assertTrue(
        receiver.spans().stream()
            .allMatch(
                s ->
                    SERVICE.equals(s.resourceAttr("service.name"))
                        && rec.runs.get(0).runId().equals(s.resourceAttr("tooltrace.run.id"))));
  }

  /** At-least-once: at most the one batch in flight at the fault is sent twice. */
  private void assertDuplicatesBounded() {
    int duplicates = receiver.spans().size() - receiver.spanIds().size();
    assertTrue(duplicates <= BATCH, duplicates + " duplicates, batches of " + BATCH);
  }

  private static void assertResource(ReceivedSpan s, String runId, long pid) throws IOException {
    assertEquals(SERVICE, s.resourceAttr("service.name"));
    assertEquals(runId, s.resourceAttr("tooltrace.run.id"));
    assertEquals(pid, s.resourceAttr("process.pid"));
    assertEquals(InetAddress.getLocalHost().getHostName(), s.resourceAttr("host.name"));
    assertEquals("java", s.resourceAttr("telemetry.sdk.language"));
    assertEquals("tooltrace", s.resourceAttr("telemetry.distro.name"));
    assertNotNull(s.resourceAttr("process.runtime.version"));
  }

  private static long count(Metric m, String tool, String key, String value) {
    assertNotNull(m);
    return m.getSum().getDataPointsList().stream()
        .filter(p -> tool.equals(OtlpReceiver.attr(p.getAttributesList(), "tool")))
        .filter(p -> value.equals(OtlpReceiver.attr(p.getAttributesList(), key)))
        .mapToLong(NumberDataPoint::getAsInt)
        .sum();
  }

  private static HistogramDataPoint histogram(Metric m, String tool) {
    assertNotNull(m);
    return m.getHistogram().getDataPointsList().stream()
        .filter(p -> tool.equals(OtlpReceiver.attr(p.getAttributesList(), "tool")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + m.getName() + " point for " + tool));
  }

  private String endpoint(String protocol) {
    return protocol.equals("grpc") ? receiver.grpcEndpoint() : receiver.httpEndpoint();
  }

  private static Set<String> spanIds(Recorded rec) {
    return rec.calls.stream()
        .map(CallRecord::spanId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static boolean isHex32(Object o) {
    return o instanceof String && ((String) o).matches("[0-9a-f]{32}");
  }

  /** {@code java -jar tooltrace-agent.jar export --dir DIR --until-drained}, as users run it. */
  private static int standaloneExport(Path dir, String endpoint, String protocol) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(Paths.agentJar().toString());
    cmd.addAll(List.of("export", "--dir", dir.toString(), "--until-drained", "--max-wait", "30"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
    pb.environment().put("OTEL_EXPORTER_OTLP_PROTOCOL", protocol);
    Run r = new Run(pb.start());
    int code = r.waitFor(90);
    assertEquals(0, code, () -> "export: " + r.stdout() + r.stderr());
    assertTrue(r.stdout().startsWith("drained: "), r::stdout);
    return code;
  }

  /** A started process whose output is collected in the background (pipes never fill). */
  private static final class Run {
    final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final Thread outReader;
    private final Thread errReader;

    Run(Process p) {
      this.process = p;
      this.outReader = collect(p.getInputStream(), out);
      this.errReader = collect(p.getErrorStream(), err);
    }

    private static Thread collect(InputStream in, StringBuffer into) {
      Thread t =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    into.append(line).append('\n');
                  }
                } catch (IOException e) {
                  into.append("(reading failed: ").append(e).append(")\n");
                }
              });
      t.setDaemon(true);
      t.start();
      return t;
    }

    static Run start(ForkedJvm jvm) throws IOException {
      return new Run(jvm.start());
    }

    long pid() {
      return process.pid();
    }

    void awaitLine(String line, long seconds) {
      await(out, line, seconds);
    }

    void awaitErrLine(String text, long seconds) {
      await(err, text, seconds);
    }

    private void await(StringBuffer in, String text, long seconds) {
      OtlpReceiver.await(
          Duration.ofSeconds(seconds),
          "'" + text + "' from the app",
          () -> {
            if (in.indexOf(text) >= 0) {
              return true;
            }
            if (!process.isAlive()) {
              throw new AssertionError("the app exited: " + out + err);
            }
            return false;
          });
    }

    int waitFor(long seconds) throws InterruptedException {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("process did not finish in " + seconds + "s");
      }
      outReader.join(5000);
      errReader.join(5000);
      return process.exitValue();
    }

    String stdout() {
      return out.toString();
    }

    String stderr() {
      return err.toString();
    }
  }
}
