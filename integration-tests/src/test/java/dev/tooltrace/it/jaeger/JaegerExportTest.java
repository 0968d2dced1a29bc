/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.jaeger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.examples.DocumentPipeline;
import dev.tooltrace.it.app.ResearchAgentApp;
import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Paths;
import dev.tooltrace.it.harness.Recorded;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * tooltrace's traces in a real Jaeger: Jaeger v2 all-in-one (built from the pinned Go module,
 * in-memory storage, every port free on loopback, see docs/jaeger.md), the packaged agent in a
 * forked JVM exporting straight to it over OTLP/gRPC or OTLP/HTTP, in the default mode and in the
 * GenAI tool-call conventions, and everything read back through Jaeger's own query API. Every
 * recorded call (read with the record contract's reader) must be a span of the right service with
 * the right parent, times, tags, logs and process, Jaeger must hold nothing else and must have
 * refused nothing.
 */
class JaegerExportTest {
  private static final String SECRET = "sk-research-9f8e7d6c5b4a";

  @TempDir Path tmp;

  /** The default output, or the GenAI conventions (OTEL_SEMCONV_STABILITY_OPT_IN). */
  enum Mode {
    DEFAULT,
    GENAI
  }

  static Stream<Arguments> protocolsAndModes() {
    return Stream.of(
        Arguments.of("grpc", Mode.DEFAULT),
        Arguments.of("http/protobuf", Mode.DEFAULT),
        Arguments.of("grpc", Mode.GENAI),
        Arguments.of("http/protobuf", Mode.GENAI));
  }

  /**
   * The example pipeline (14 documents on 2 threads, 2 malformed). GenAI mode is switched on here
   * with tooltrace's own key, as an agent argument.
   */
  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("protocolsAndModes")
  void theExamplePipelineInJaeger(String protocol, Mode mode) throws Exception {
    String service = "example-pipeline-" + mode.name().toLowerCase();
    Path dir = tmp.resolve("q");
    try (JaegerServer jaeger = JaegerServer.start()) {
      ForkedJvm.Result app =
          toJaeger(
                  ForkedJvm.of(DocumentPipeline.class.getName(), "14", "2")
                      .classpath(Paths.examplesJar())
                      .agent(
                          "dir="
                              + dir
                              + ",http.enabled=false"
                              + (mode == Mode.GENAI
                                  ? ",semconv.stability.opt.in=gen_ai_latest_experimental"
                                  : "")),
                  jaeger,
                  protocol,
                  service)
              .run();
      assertEquals(0, app.exitCode(), app::stderr);
      assertTrue(app.stdout().contains("processed 12 of 14 documents"), app::stdout);

      Recorded rec = Recorded.read(dir);
      assertEquals(1 + 14 + 14 + 3 * 12, rec.calls.size());
      Map<String, JaegerTrace.Span> shown = awaitAllCalls(jaeger, rec.calls);
      checkEverySpan(jaeger, service, mode, rec, shown, Set.of());

      // One trace per document, plus the load.
      assertEquals(15, traceIds(rec.calls).size());
      List<JaegerTrace.Span> failed =
          shown.values().stream().filter(s -> Boolean.TRUE.equals(s.tag("error"))).toList();
      assertEquals(
          List.of("parser.parse", "parser.parse", "pipeline.process", "pipeline.process"),
          failed.stream().map(s -> tool(s, mode)).sorted().toList());
      for (JaegerTrace.Span f : failed) {
        assertEquals(
            "dev.tooltrace.examples.Parser$MalformedDocumentException",
            f.logs().get(0).get("exception.type"));
      }
      JaegerTrace.Span load =
          shown.values().stream()
              .filter(s -> tool(s, mode).equals("loader.load"))
              .findFirst()
              .get();
      assertEquals(
          Mode.GENAI == mode ? "{\"count\":14}" : null, load.tag("gen_ai.tool.call.arguments"));
    }
  }

  /**
   * A multi-threaded app: several requester threads, tools run on a pool, three levels deep, a
   * failing tool, and a secret in a {@code @Redacted} argument and a {@code token} argument. GenAI
   * mode is switched on here with OpenTelemetry's variable.
   */
  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("protocolsAndModes")
  void aMultiThreadedAppInJaeger(String protocol, Mode mode) throws Exception {
    String service = "research-agent-" + mode.name().toLowerCase();
    Path dir = tmp.resolve("q");
    try (JaegerServer jaeger = JaegerServer.start()) {
      ForkedJvm jvm =
          toJaeger(
              ForkedJvm.of(ResearchAgentApp.class.getName(), "3", "8", "0")
                  .agent("dir=" + dir + ",http.enabled=false")
                  .env("RESEARCH_API_KEY", SECRET),
              jaeger,
              protocol,
              service);
      if (mode == Mode.GENAI) {
        jvm.env("OTEL_SEMCONV_STABILITY_OPT_IN", "gen_ai_latest_experimental");
      }
      ForkedJvm.Result app = jvm.run();
      assertEquals(0, app.exitCode(), app::stderr);
      assertTrue(app.stdout().contains("done 18 answered, 6 failed"), app::stdout);

      Recorded rec = Recorded.read(dir);
      // 24 answers: each a search with a fetch and an evaluation; 18 also compose.
      assertEquals(24 * 4 + 18, rec.calls.size());
      Map<String, JaegerTrace.Span> shown = awaitAllCalls(jaeger, rec.calls);
      checkEverySpan(jaeger, service, mode, rec, shown, Set.of());
      assertEquals(24, traceIds(rec.calls).size(), "one trace per answer");
      checkCrossThreadTrees(rec, shown, mode);

      JaegerServer.Search all = jaeger.search(service, 1000);
      assertFalse(all.body().contains(SECRET), "the secret reached Jaeger");
      for (CallRecord c : rec.calls) {
        if (c.tool().equals("search.web") || c.tool().equals("http.fetch")) {
          assertEquals(RecordFormat.VALUE_REDACTED, c.args().get(1).kind(), c::toString);
        }
      }
    }
  }

  /**
   * The crash path: the app exports to a port nobody listens on and is killed with SIGKILL once its
   * exporter has failed; then {@code java -jar tooltrace-agent.jar export --dir DIR
   * --until-drained} sends its queue to Jaeger, and every recorded call appears, each finished
   * trace complete.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aKilledAppsQueueExportedLaterAppearsComplete(Mode mode) throws Exception {
    String service = "killed-agent-" + mode.name().toLowerCase();
    Path dir = tmp.resolve("q");
    try (JaegerServer jaeger = JaegerServer.start()) {
      int nowhere;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        nowhere = s.getLocalPort();
      }
      Map<String, String> env =
          Map.of(
              "RESEARCH_API_KEY",
              SECRET,
              "OTEL_EXPORTER_OTLP_ENDPOINT",
              "http://127.0.0.1:" + nowhere,
              "OTEL_EXPORTER_OTLP_TIMEOUT",
              "1000",
              "OTEL_METRICS_EXPORTER",
              "none",
              "OTEL_LOGS_EXPORTER",
              "none",
              "OTEL_SERVICE_NAME",
              service);
      // batch.max.age=0: each outermost call is appended when it returns, so what the kill loses
      // is exactly the calls in flight, which the bound on unfinished traces below counts. With
      // the default batches a kill also loses each thread's calls of the last 150 ms
      // (docs/disaster-recovery.md; KillMidBurstTest checks that bound).
      ForkedJvm jvm =
          ForkedJvm.of(ResearchAgentApp.class.getName(), "2", "100000", "10")
              .agent("dir=" + dir + ",http.enabled=false,batch.max.age=0");
      // Output to files (polled), so that no pipe can fill and block the app before the kill.
      Path out = tmp.resolve("app.out");
      Path err = tmp.resolve("app.err");
      ProcessBuilder pb =
          new ProcessBuilder(jvm.command())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      try {
        JaegerServer.await(
            Duration.ofSeconds(60), "'started' from the app", () -> has(out, p, "started"));
        // The exporter has read recorded calls and failed to send them: they are in the queue.
        JaegerServer.await(
            Duration.ofSeconds(60),
            "'export failing' from the agent",
            () -> has(err, p, "export failing"));
        Thread.sleep(1000); // more calls, some of them in flight at the kill
      } finally {
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no drain
      }
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      assertEquals(137, p.exitValue());

      Recorded rec = Recorded.read(dir);
      assertTrue(rec.ends.isEmpty(), "a killed JVM writes no RUN_END");
      assertFalse(rec.calls.isEmpty(), "calls recorded before the kill");
      assertFalse(jaeger.services().contains(service), "nothing reached Jaeger before");

      ForkedJvm.Result export = exportCommand(dir, jaeger, mode);
      assertEquals(0, export.exitCode(), export::stderr);
      assertEquals(
          mode == Mode.GENAI,
          export.stderr().contains("tool calls as GenAI execute_tool spans"),
          export::stderr);
      assertTrue(
          export.stdout().startsWith("drained: " + rec.calls.size() + " calls exported"),
          export::stdout);

      Map<String, JaegerTrace.Span> shown = awaitAllCalls(jaeger, rec.calls);
      // Answers in flight at the kill have children but no recorded root: Jaeger shows those
      // spans (with a warning about the missing parent); every other trace must be complete.
      Set<String> spanIds = rec.calls.stream().map(CallRecord::spanId).collect(Collectors.toSet());
      Set<String> unfinished =
          rec.calls.stream()
              .filter(c -> !c.isRoot() && !spanIds.contains(c.parentSpanId()))
              .map(CallRecord::traceId)
              .collect(Collectors.toSet());
      assertTrue(unfinished.size() <= 2 * 2, "at most the answers in flight: " + unfinished);
      checkEverySpan(jaeger, service, mode, rec, shown, unfinished);
      for (CallRecord c : rec.calls) {
        if (!c.isRoot() && !spanIds.contains(c.parentSpanId())) {
          JaegerTrace.Span orphan = shown.get(c.spanId());
          assertFalse(orphan.warnings().isEmpty(), () -> "Jaeger warns about " + orphan);
        }
      }
      Set<String> complete = new TreeSet<>(traceIds(rec.calls));
      complete.removeAll(unfinished);
      assertFalse(complete.isEmpty());
      for (String traceId : complete) {
        JaegerTrace t = jaeger.trace(traceId);
        assertTrue(
            t.spans().stream().filter(s -> s.parentSpanId().isEmpty()).count() == 1,
            () -> "one root in " + traceId);
        for (JaegerTrace.Span s : t.spans()) {
          assertTrue(
              s.parentSpanId().isEmpty() || t.bySpanId().containsKey(s.parentSpanId()),
              () -> "parent of " + s.spanId() + " in " + traceId);
        }
      }
      assertFalse(jaeger.search(service, 100000).body().contains(SECRET));
    }
  }

  /** Standard OpenTelemetry settings only, as docs/jaeger.md tells users to set them. */
  private static ForkedJvm toJaeger(
      ForkedJvm jvm, JaegerServer jaeger, String protocol, String service) {
    return jvm.env("OTEL_EXPORTER_OTLP_ENDPOINT", jaeger.endpoint(protocol))
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
        .env("OTEL_METRICS_EXPORTER", "none")
        .env("OTEL_LOGS_EXPORTER", "none")
        .env("OTEL_SERVICE_NAME", service);
  }

  /** {@code java -jar tooltrace-agent.jar export --dir DIR --until-drained}, as users run it. */
  private static ForkedJvm.Result exportCommand(Path dir, JaegerServer jaeger, Mode mode)
      throws Exception {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            Paths.agentJar().toString(),
            "export",
            "--dir",
            dir.toString(),
            "--until-drained",
            "--max-wait",
            "60");
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", jaeger.grpcEndpoint());
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    if (mode == Mode.GENAI) {
      env.put("OTEL_SEMCONV_STABILITY_OPT_IN", "gen_ai_latest_experimental");
    }
    Path out = Files.createTempFile("export-out", ".txt");
    Path err = Files.createTempFile("export-err", ".txt");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError("export did not finish: " + Files.readString(err));
      }
      return new ForkedJvm.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Polls Jaeger until every recorded call is there; returns Jaeger's spans by span id. */
  private static Map<String, JaegerTrace.Span> awaitAllCalls(
      JaegerServer jaeger, List<CallRecord> calls) throws InterruptedException {
    Map<String, Long> perTrace =
        calls.stream().collect(Collectors.groupingBy(CallRecord::traceId, Collectors.counting()));
    Map<String, JaegerTrace> got = new HashMap<>();
    JaegerServer.await(
        Duration.ofSeconds(60),
        "all " + calls.size() + " calls in Jaeger",
        () -> {
          for (Map.Entry<String, Long> e : perTrace.entrySet()) {
            JaegerTrace have = got.get(e.getKey());
            if (have != null && have.spans().size() >= e.getValue()) {
              continue;
            }
            try {
              JaegerTrace t = jaeger.trace(e.getKey());
              if (t == null || t.spans().size() < e.getValue()) {
                return false;
              }
              got.put(e.getKey(), t);
            } catch (IOException ex) {
              throw new UncheckedIOException(ex);
            } catch (InterruptedException ex) {
              Thread.currentThread().interrupt();
              return false;
            }
          }
          return true;
        });
    Map<String, JaegerTrace.Span> out = new LinkedHashMap<>();
    for (JaegerTrace t : got.values()) {
      for (JaegerTrace.Span s : t.spans()) {
        assertEquals(null, out.put(s.spanId(), s), () -> "span " + s.spanId() + " twice");
      }
    }
    return out;
  }

  /**
   * Jaeger holds exactly the recorded calls, each as documented, found by service as the UI finds
   * them, and counted by Jaeger itself as accepted with none refused.
   */
  private static void checkEverySpan(
      JaegerServer jaeger,
      String service,
      Mode mode,
      Recorded rec,
      Map<String, JaegerTrace.Span> shown,
      Set<String> tracesWithoutRoot)
      throws Exception {
    assertEquals(
        rec.calls.stream().map(CallRecord::spanId).collect(Collectors.toCollection(TreeSet::new)),
        new TreeSet<>(shown.keySet()),
        "Jaeger holds exactly the recorded calls");
    SpanExpectations expect = new SpanExpectations(service, mode == Mode.GENAI);
    for (CallRecord c : rec.calls) {
      expect.check(c, shown.get(c.spanId()), !tracesWithoutRoot.contains(c.traceId()));
    }
    RunRecord run = rec.runs.get(0);
    for (JaegerTrace.Span s : shown.values()) {
      Map<String, Object> p = s.processTags();
      assertEquals(run.runId(), p.get("tooltrace.run.id"), s::toString);
      assertEquals(run.pid(), p.get("process.pid"), s::toString);
      assertEquals(InetAddress.getLocalHost().getHostName(), p.get("host.name"));
      assertEquals("tooltrace", p.get("telemetry.distro.name"));
      assertEquals("java", p.get("telemetry.sdk.language"));
      assertTrue(p.get("process.runtime.version") instanceof String, p::toString);
      // The run's place in the queue's hash chain (docs/audit.md): its RUN document's link and
      // a head at or after the span's own document.
      assertTrue(
          p.get("tooltrace.chain.anchor") instanceof String anchor && anchor.length() == 64,
          p::toString);
      assertTrue(
          ((Number) p.get("tooltrace.chain.head.seq")).longValue()
              >= ((Number) s.tags().get("tooltrace.chain.seq")).longValue(),
          s::toString);
    }
    assertTrue(jaeger.services().contains(service), "service listed");
    JaegerServer.Search found = jaeger.search(service, 100000);
    assertEquals(traceIds(rec.calls).size(), found.traces().size(), "traces found by service");
    assertEquals(rec.calls.size(), found.spanCount(), "spans found by service");
    assertTrue(
        found.traces().stream()
            .allMatch(t -> t.spans().stream().allMatch(s -> s.serviceName().equals(service))));
    assertEquals(0, jaeger.counter("otelcol_receiver_refused_spans"), "spans Jaeger refused");
    assertEquals(
        rec.calls.size(), jaeger.counter("otelcol_receiver_accepted_spans"), "spans accepted");
  }

  /** Tools run on pool threads, children of the answer on its requester thread. */
  private static void checkCrossThreadTrees(
      Recorded rec, Map<String, JaegerTrace.Span> shown, Mode mode) {
    Map<String, CallRecord> byId =
        rec.calls.stream().collect(Collectors.toMap(CallRecord::spanId, c -> c));
    int crossThread = 0;
    for (CallRecord c : rec.calls) {
      JaegerTrace.Span s = shown.get(c.spanId());
      switch (c.tool()) {
        case "agent.answer" -> {
          assertTrue(c.isRoot());
          assertTrue(c.threadName().startsWith("requester-"), c::toString);
        }
        case "search.web", "calc.evaluate" -> {
          CallRecord parent = byId.get(c.parentSpanId());
          assertEquals("agent.answer", parent.tool());
          assertTrue(c.threadName().startsWith("pool-"), c::toString);
          assertNotEquals(parent.threadName(), c.threadName());
          assertEquals(parent.traceId(), s.traceId());
          crossThread++;
        }
        case "http.fetch" -> {
          CallRecord search = byId.get(c.parentSpanId());
          assertEquals("search.web", search.tool());
          assertEquals("agent.answer", byId.get(search.parentSpanId()).tool());
          assertEquals(search.threadName(), c.threadName());
        }
        case "agent.compose" -> assertEquals("agent.answer", byId.get(c.parentSpanId()).tool());
        default -> throw new AssertionError("unexpected tool " + c.tool());
      }
      if (c.tool().equals("calc.evaluate") || c.tool().equals("agent.answer")) {
        assertEquals(isFailing(c), c.error(), c::toString);
        assertEquals(isFailing(c), Boolean.TRUE.equals(s.tag("error")), s::toString);
      }
      if (mode == Mode.GENAI && c.error()) {
        assertEquals(
            c.tool().equals("calc.evaluate")
                ? "java.lang.ArithmeticException"
                : "java.lang.IllegalStateException",
            s.tag("error.type"));
      }
    }
    assertEquals(48, crossThread);
  }

  /** Every fourth question fails (question % 4 == 3): the first argument of answer/evaluate. */
  private static boolean isFailing(CallRecord c) {
    return Integer.parseInt(c.args().get(0).preview()) % 4 == 3;
  }

  private static String tool(JaegerTrace.Span s, Mode mode) {
    return mode == Mode.GENAI
        ? s.operationName().substring("execute_tool ".length())
        : s.operationName();
  }

  private static Set<String> traceIds(List<CallRecord> calls) {
    return calls.stream().map(CallRecord::traceId).collect(Collectors.toCollection(TreeSet::new));
  }

  private static boolean has(Path file, Process p, String text) {
    try {
      if (Files.readString(file).contains(text)) {
        return true;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!p.isAlive()) {
      throw new AssertionError("the app exited with " + p.exitValue());
    }
    return false;
  }
}
