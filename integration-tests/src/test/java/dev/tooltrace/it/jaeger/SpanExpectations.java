/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.jaeger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ValueRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What Jaeger must show for one recorded call, as docs/jaeger.md documents it, derived from the
 * record itself (read back with the record contract's reader): the operation name, parent, times,
 * every tag (and no other), the exception log of a failed call, and the process. In the GenAI mode
 * the {@code gen_ai.*} tags and {@code error.type} come on top and the operation is {@code
 * execute_tool TOOL}.
 */
final class SpanExpectations {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Tags Jaeger derives from the span itself (kind, scope, status), not from attributes. */
  private static final Set<String> JAEGER_TAGS =
      Set.of(
          "span.kind",
          "otel.scope.name",
          "otel.scope.version",
          "otel.status_code",
          "otel.status_description",
          "error");

  private final String service;
  private final boolean genAi;
  private final double high;
  private final double medium;

  SpanExpectations(String service, boolean genAi) {
    this.service = service;
    this.genAi = genAi;
    this.high = 0.8;
    this.medium = 0.5;
  }

  /**
   * {@code complete}: the call's trace holds all its ancestors, so Jaeger must have no warning
   * about the span (a queue cut by a crash may hold children of a call that never finished).
   */
  void check(CallRecord c, JaegerTrace.Span s, boolean complete) {
    String where = c.tool() + " " + c.spanId() + ": " + s;
    assertEquals(c.traceId(), s.traceId(), where);
    assertEquals(c.spanId(), s.spanId(), where);
    assertEquals(genAi ? "execute_tool " + c.tool() : c.tool(), s.operationName(), where);
    assertEquals(c.parentSpanId(), s.parentSpanId(), where);
    assertEquals(c.isRoot() ? 0 : 1, s.referenceCount(), where);
    assertEquals(c.startEpochNanos() / 1000, s.startMicros(), where);
    assertTrue(Math.abs(c.durationNanos() / 1000 - s.durationMicros()) <= 1, where);
    assertEquals(service, s.serviceName(), where);
    if (complete) {
      assertEquals(List.of(), s.warnings(), where);
    }

    Map<String, Object> expected = expectedTags(c);
    Map<String, Object> actual = new TreeMap<>(s.tags());
    assertEquals("internal", actual.remove("span.kind"), where);
    assertEquals("dev.tooltrace", actual.remove("otel.scope.name"), where);
    assertTrue(actual.remove("otel.scope.version") instanceof String, where);
    if (c.error()) {
      CallRecord.ErrorInfo e = c.errorInfo();
      assertEquals(true, actual.remove("error"), where);
      assertEquals("ERROR", actual.remove("otel.status_code"), where);
      assertEquals(
          e.message().isEmpty() ? e.type() : e.type() + ": " + e.message(),
          actual.remove("otel.status_description"),
          where);
      assertEquals(1, s.logs().size(), where);
      Map<String, Object> log = s.logs().get(0);
      assertEquals("exception", log.get("event"), where);
      assertEquals(e.type(), log.get("exception.type"), where);
      assertEquals(e.message(), log.get("exception.message"), where);
      assertEquals(e.stackTrace(), log.get("exception.stacktrace"), where);
    } else {
      assertEquals(List.of(), s.logs(), where);
    }
    for (String k : JAEGER_TAGS) {
      assertFalse(actual.containsKey(k), () -> k + " on " + where);
    }
    if (genAi) {
      checkGenAiContent(c, actual, where);
    }
    assertEquals(new TreeMap<>(expected), actual, where);
  }

  /** Every attribute tooltrace documents for this call, with its value. */
  private Map<String, Object> expectedTags(CallRecord c) {
    Map<String, Object> t = new TreeMap<>();
    t.put("code.namespace", c.codeNamespace());
    t.put("code.function", c.codeFunction());
    t.put("thread.name", c.threadName());
    t.put("thread.id", c.threadId());
    t.put("tooltrace.run.id", c.runId());
    if (!c.operation().isEmpty()) {
      t.put("tooltrace.operation", c.operation());
    }
    if (c.confidence() != null) {
      double v = c.confidence();
      t.put("tooltrace.confidence", v);
      t.put("tooltrace.quality", v >= high ? "HIGH" : v >= medium ? "MEDIUM" : "LOW");
    }
    if (c.hasFlag(RecordFormat.FLAG_ASYNC)) {
      t.put("tooltrace.async", true);
    }
    if (c.chainSeq() >= 0) {
      t.put("tooltrace.chain.seq", c.chainSeq());
    }
    if (c.hasCost()) {
      t.put("tooltrace.cost.cpu_nanos", c.cpuNanos());
      t.put("tooltrace.cost.self_cpu_nanos", c.selfCpuNanos());
      t.put("tooltrace.cost.allocated_bytes", c.allocatedBytes());
      t.put("tooltrace.cost.self_allocated_bytes", c.selfAllocatedBytes());
    }
    for (int i = 0; i < c.args().size(); i++) {
      value(t, "tooltrace.arg." + i, c.args().get(i), true);
    }
    if (!c.error() && c.result() != null && !c.result().isVoid()) {
      value(t, "tooltrace.return", c.result(), false);
    }
    if (genAi) {
      t.put("gen_ai.operation.name", "execute_tool");
      t.put("gen_ai.tool.name", c.tool());
      t.put("gen_ai.tool.call.id", c.spanId());
      t.put("gen_ai.tool.type", "function");
      if (c.error()) {
        t.put("error.type", c.errorInfo().type());
      }
    }
    return t;
  }

  private static void value(Map<String, Object> t, String prefix, ValueRecord v, boolean named) {
    if (named) {
      t.put(prefix + ".name", v.name());
    }
    t.put(prefix + ".type", v.actualType().isEmpty() ? v.declaredType() : v.actualType());
    if (v.hash() != null) {
      t.put(prefix + ".hash", v.hash());
    }
    t.put(prefix + ".preview", v.preview());
    if (v.size() >= 0) {
      t.put(prefix + ".size", v.size());
    }
    if (v.producerSpanId() != null) {
      t.put(prefix + ".producer", v.producerSpanId());
    }
  }

  /**
   * gen_ai.tool.call.arguments is a JSON object of the arguments' previews by parameter name, a
   * redacted argument left out; gen_ai.tool.call.result the result's preview as JSON. Both are
   * taken out of {@code actual} once checked.
   */
  private static void checkGenAiContent(CallRecord c, Map<String, Object> actual, String where) {
    Object argsText = actual.remove("gen_ai.tool.call.arguments");
    boolean anyShown = c.args().stream().anyMatch(SpanExpectations::shown);
    if (!anyShown && !c.args().isEmpty()) {
      assertEquals(null, argsText, where);
    } else {
      JsonNode args = parse(String.valueOf(argsText), where);
      assertTrue(args.isObject(), where);
      Set<String> names = new TreeSet<>();
      args.fieldNames().forEachRemaining(names::add);
      Set<String> expectedNames = new TreeSet<>();
      for (ValueRecord v : c.args()) {
        if (shown(v)) {
          expectedNames.add(v.name());
          assertEquals(v.preview(), args.get(v.name()).asText(), where);
        }
      }
      assertEquals(expectedNames, names, where);
    }
    Object resultText = actual.remove("gen_ai.tool.call.result");
    ValueRecord r = c.result();
    if (c.error() || r == null || r.isVoid() || !shown(r)) {
      assertEquals(null, resultText, where);
    } else {
      assertEquals(r.preview(), parse(String.valueOf(resultText), where).asText(), where);
    }
  }

  private static boolean shown(ValueRecord v) {
    return v.kind() != RecordFormat.VALUE_REDACTED
        && v.kind() != RecordFormat.VALUE_UNAVAILABLE
        && v.kind() != RecordFormat.VALUE_VOID
        && !(v.preview().isEmpty() && v.previewTruncated());
  }

  private static JsonNode parse(String json, String where) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + json + " in " + where, e);
    }
  }
}
