/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ValueRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The span of one call record in the default mode and in the GenAI tool-call conventions. */
class GenAiToolCallsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final QualityTiers TIERS = new QualityTiers(0.8, 0.5);
  private static final String SPAN = "00f067aa0ba902b7";

  /** tooltrace's own attributes of {@link #lookup}: the same in both modes. */
  private static final Set<String> DEFAULT_KEYS =
      Set.of(
          "code.namespace",
          "code.function",
          "thread.name",
          "thread.id",
          "tooltrace.run.id",
          "tooltrace.operation",
          "tooltrace.arg.0.name",
          "tooltrace.arg.0.type",
          "tooltrace.arg.0.hash",
          "tooltrace.arg.0.preview",
          "tooltrace.arg.0.size",
          "tooltrace.arg.1.name",
          "tooltrace.arg.1.type",
          "tooltrace.arg.1.hash",
          "tooltrace.arg.1.preview",
          "tooltrace.arg.1.size",
          "tooltrace.return.type",
          "tooltrace.return.hash",
          "tooltrace.return.preview",
          "tooltrace.return.size");

  @Test
  void defaultModeHasNoGenAiAttributesAndTheToolAsName() {
    SpanData s = new CallMapper(TIERS).span(lookup(), Resource.empty());
    assertEquals("weather.lookup", s.getName());
    assertEquals(DEFAULT_KEYS, keys(s));
    assertEquals(
        new CallMapper(TIERS, false).span(lookup(), Resource.empty()).getAttributes(),
        s.getAttributes());
  }

  @Test
  void genAiModeNamesTheSpanExecuteToolAndAddsTheToolCallAttributes() throws Exception {
    SpanData s = new CallMapper(TIERS, true).span(lookup(), Resource.empty());
    assertEquals("execute_tool weather.lookup", s.getName());
    Set<String> expected = new TreeSet<>(DEFAULT_KEYS);
    expected.addAll(
        List.of(
            "gen_ai.operation.name",
            "gen_ai.tool.name",
            "gen_ai.tool.call.id",
            "gen_ai.tool.type",
            "gen_ai.tool.call.arguments",
            "gen_ai.tool.call.result"));
    assertEquals(expected, keys(s));
    assertEquals("execute_tool", attr(s, "gen_ai.operation.name"));
    assertEquals("weather.lookup", attr(s, "gen_ai.tool.name"));
    assertEquals(SPAN, attr(s, "gen_ai.tool.call.id"));
    assertEquals("function", attr(s, "gen_ai.tool.type"));
    assertEquals(
        JSON.readTree("{\"city\":\"San Francisco\",\"days\":3}"),
        JSON.readTree(attr(s, "gen_ai.tool.call.arguments")));
    assertEquals(
        JSON.readTree("\"Forecast[sunny, high=75]\""),
        JSON.readTree(attr(s, "gen_ai.tool.call.result")));
    assertEquals(StatusCode.UNSET, s.getStatus().getStatusCode());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aFailedCallHasErrorStatusTheExceptionEventAndInGenAiErrorType(boolean genAi) {
    CallRecord failed =
        call(
            true,
            List.of(object("city", "Atlantis")),
            null,
            new CallRecord.ErrorInfo("java.io.FileNotFoundException", "no such city", "stack"));
    SpanData s = new CallMapper(TIERS, genAi).span(failed, Resource.empty());
    assertEquals(StatusCode.ERROR, s.getStatus().getStatusCode());
    assertEquals("java.io.FileNotFoundException: no such city", s.getStatus().getDescription());
    assertEquals(1, s.getEvents().size());
    assertEquals("exception", s.getEvents().get(0).getName());
    assertEquals(
        "java.io.FileNotFoundException",
        s.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.type")));
    assertFalse(keys(s).contains("gen_ai.tool.call.result"), "no result of a failed call");
    assertFalse(keys(s).contains("tooltrace.return.preview"));
    if (genAi) {
      assertEquals("java.io.FileNotFoundException", attr(s, "error.type"));
      assertEquals("{\"city\":\"Atlantis\"}", attr(s, "gen_ai.tool.call.arguments"));
    } else {
      assertFalse(
          keys(s).stream().anyMatch(k -> k.startsWith("gen_ai.") || k.equals("error.type")));
    }
  }

  @Test
  void aFailureWithoutExceptionDetailsHasTheFallbackErrorType() {
    CallRecord failed = call(true, List.of(), null, null);
    SpanData s = new CallMapper(TIERS, true).span(failed, Resource.empty());
    assertEquals("_OTHER", attr(s, "error.type"));
    assertEquals("{}", attr(s, "gen_ai.tool.call.arguments"), "a tool without parameters");
  }

  /** Redaction holds in both modes: nothing of a redacted value, not even its placeholder. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void redactedArgumentsAndResultsNeverAppearInGenAiAttributes(boolean genAi) throws Exception {
    ValueRecord apiKey =
        ValueRecord.builder()
            .name("apiKey")
            .declaredType("java.lang.String")
            .kind(RecordFormat.VALUE_REDACTED)
            .actualType("java.lang.String")
            .size(-1)
            .preview("<redacted>")
            .build();
    ValueRecord secretResult =
        ValueRecord.builder()
            .name("return")
            .declaredType("java.lang.String")
            .kind(RecordFormat.VALUE_REDACTED)
            .actualType("java.lang.String")
            .size(-1)
            .preview("<redacted>")
            .build();
    CallRecord c = call(false, List.of(object("city", "Oslo"), apiKey), secretResult, null);
    SpanData s = new CallMapper(TIERS, genAi).span(c, Resource.empty());
    // tooltrace's own attributes describe a redacted value by its type only (both modes).
    assertEquals("<redacted>", attr(s, "tooltrace.arg.1.preview"));
    assertFalse(keys(s).contains("tooltrace.arg.1.hash"));
    if (genAi) {
      JsonNode args = JSON.readTree(attr(s, "gen_ai.tool.call.arguments"));
      assertEquals(JSON.readTree("{\"city\":\"Oslo\"}"), args, "apiKey left out entirely");
      assertFalse(keys(s).contains("gen_ai.tool.call.result"), "a redacted result is left out");
    }
    for (Map.Entry<AttributeKey<?>, Object> e : s.getAttributes().asMap().entrySet()) {
      if (e.getKey().getKey().startsWith("gen_ai.")) {
        assertFalse(String.valueOf(e.getValue()).contains("redacted"), e::toString);
      }
    }
  }

  @Test
  void onlyRedactedArgumentsLeaveTheArgumentsAttributeOut() {
    ValueRecord token =
        ValueRecord.builder()
            .name("token")
            .declaredType("java.lang.String")
            .kind(RecordFormat.VALUE_REDACTED)
            .actualType("java.lang.String")
            .size(-1)
            .preview("<redacted>")
            .build();
    SpanData s =
        new CallMapper(TIERS, true).span(call(false, List.of(token), null, null), Resource.empty());
    assertFalse(keys(s).contains("gen_ai.tool.call.arguments"), s.getAttributes()::toString);
    assertFalse(keys(s).contains("gen_ai.tool.call.result"), "void");
  }

  /** capture.preview.chars=0: previews are cut to nothing, so there is no content to show. */
  @Test
  void previewsSwitchedOffLeaveObjectContentOut() {
    ValueRecord cut =
        ValueRecord.builder()
            .name("city")
            .declaredType("java.lang.String")
            .kind(RecordFormat.VALUE_OBJECT)
            .actualType("java.lang.String")
            .hash("0123456789abcdef0123456789abcdef")
            .size(13)
            .preview("")
            .previewTruncated(true)
            .build();
    ValueRecord empty =
        ValueRecord.builder()
            .name("note")
            .declaredType("java.lang.String")
            .kind(RecordFormat.VALUE_OBJECT)
            .actualType("java.lang.String")
            .hash("0123456789abcdef0123456789abcdef")
            .size(0)
            .preview("")
            .build();
    SpanData s =
        new CallMapper(TIERS, true)
            .span(call(false, List.of(cut, empty), cut, null), Resource.empty());
    assertEquals("{\"note\":\"\"}", attr(s, "gen_ai.tool.call.arguments"));
    assertNull(attr(s, "gen_ai.tool.call.result"));
  }

  @Test
  void primitivesAreJsonNumbersBooleansAndNullsCharsAndNonFiniteAreStrings() throws Exception {
    List<ValueRecord> args =
        List.of(
            primitive("n", "int", RecordFormat.VALUE_INT, "-7"),
            primitive("big", "long", RecordFormat.VALUE_LONG, "9007199254740993"),
            primitive("flag", "boolean", RecordFormat.VALUE_INT, "true"),
            primitive("boxed", "java.lang.Boolean", RecordFormat.VALUE_BOOLEAN, "false"),
            primitive("c", "char", RecordFormat.VALUE_INT, "7"),
            primitive("x", "double", RecordFormat.VALUE_DOUBLE, "1.5"),
            primitive("nan", "double", RecordFormat.VALUE_DOUBLE, "NaN"),
            ValueRecord.builder()
                .name("nothing")
                .declaredType("java.lang.Object")
                .kind(RecordFormat.VALUE_NULL)
                .actualType("")
                .size(0)
                .preview("null")
                .build(),
            ValueRecord.builder()
                .name("broken")
                .declaredType("com.example.Odd")
                .kind(RecordFormat.VALUE_UNAVAILABLE)
                .actualType("")
                .size(-1)
                .preview("<unavailable: toString threw>")
                .build());
    SpanData s =
        new CallMapper(TIERS, true)
            .span(
                call(
                    false,
                    args,
                    primitive("return", "double", RecordFormat.VALUE_DOUBLE, "0.25"),
                    null),
                Resource.empty());
    assertEquals(
        JSON.readTree(
            "{\"n\":-7,\"big\":9007199254740993,\"flag\":true,\"boxed\":false,\"c\":\"7\","
                + "\"x\":1.5,\"nan\":\"NaN\",\"nothing\":null}"),
        JSON.readTree(attr(s, "gen_ai.tool.call.arguments")));
    assertEquals("0.25", attr(s, "gen_ai.tool.call.result"));
  }

  @Test
  void optInFollowsOtelSemconvStabilityOptIn() {
    assertFalse(enabled(null));
    assertFalse(enabled(""));
    assertFalse(enabled("http,database/dup"));
    assertTrue(enabled("gen_ai_latest_experimental"));
    assertTrue(enabled("http/dup, gen_ai_latest_experimental"));
    assertTrue(enabled(" GEN_AI_LATEST_EXPERIMENTAL "));
  }

  private static boolean enabled(String value) {
    return GenAiToolCalls.enabled(
        DefaultConfigProperties.createFromMap(
            value == null ? Map.of() : Map.of("otel.semconv-stability.opt-in", value)));
  }

  private static CallRecord lookup() {
    return call(
        false,
        List.of(
            object("city", "San Francisco"), primitive("days", "int", RecordFormat.VALUE_INT, "3")),
        object("return", "Forecast[sunny, high=75]"),
        null);
  }

  private static CallRecord call(
      boolean error, List<ValueRecord> args, ValueRecord result, CallRecord.ErrorInfo e) {
    return CallRecord.builder()
        .queueIndex(1)
        .runId("7e570000000000000000000000000001")
        .threadId(7)
        .threadName("main")
        .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
        .spanId(SPAN)
        .toolId(1)
        .tool("weather.lookup")
        .operation("lookup")
        .codeNamespace("com.example.Weather")
        .codeFunction("lookup")
        .descriptor("(Ljava/lang/String;I)Lcom/example/Forecast;")
        .startEpochNanos(1_000_000_000L)
        .durationNanos(5_000_000L)
        .error(error)
        .args(args)
        .result(
            result == null
                ? ValueRecord.builder()
                    .name("return")
                    .declaredType("void")
                    .kind(RecordFormat.VALUE_VOID)
                    .build()
                : result)
        .errorInfo(e)
        .build();
  }

  private static ValueRecord object(String name, String preview) {
    return ValueRecord.builder()
        .name(name)
        .declaredType("java.lang.Object")
        .kind(RecordFormat.VALUE_OBJECT)
        .actualType("java.lang.String")
        .hash("0123456789abcdef0123456789abcdef")
        .size(preview.length())
        .preview(preview)
        .build();
  }

  private static ValueRecord primitive(String name, String type, int kind, String preview) {
    return ValueRecord.builder()
        .name(name)
        .declaredType(type)
        .kind(kind)
        .actualType(type)
        .hash("0123456789abcdef0123456789abcdef")
        .size(1)
        .preview(preview)
        .build();
  }

  private static Set<String> keys(SpanData s) {
    Set<String> k = new TreeSet<>();
    s.getAttributes().forEach((key, v) -> k.add(key.getKey()));
    return k;
  }

  private static String attr(SpanData s, String key) {
    Object v = s.getAttributes().get(AttributeKey.stringKey(key));
    return v == null ? null : v.toString();
  }
}
