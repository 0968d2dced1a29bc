/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.Json;
import dev.tooltrace.record.PrimitiveValues;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ValueRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tool calls in OpenTelemetry's GenAI semantic conventions, the "Execute tool span" of semantic
 * conventions v1.41.1 (the last release that holds them before they moved to their own repository):
 * span name {@code execute_tool {gen_ai.tool.name}}, kind {@code INTERNAL}, and {@code
 * gen_ai.operation.name}, {@code gen_ai.tool.name}, {@code gen_ai.tool.call.id}, {@code
 * gen_ai.tool.type}, {@code error.type}, plus the opt-in {@code gen_ai.tool.call.arguments} and
 * {@code gen_ai.tool.call.result}. Switched on the way OpenTelemetry's own instrumentations switch
 * it on, by {@code gen_ai_latest_experimental} in {@code OTEL_SEMCONV_STABILITY_OPT_IN}; the
 * default output does not change.
 *
 * <p>The {@code gen_ai.*} attributes are added to tooltrace's own (which carry what GenAI has no
 * name for: hashes, producers, confidence). Arguments and results are only what the record already
 * holds as previews, so {@code capture.preview.chars} bounds them and {@code 0} leaves them out; a
 * redacted or unavailable value is never written, not even as a placeholder.
 */
final class GenAiToolCalls {
  private GenAiToolCalls() {}

  /** The opt-in value, as OpenTelemetry spells it. */
  static final String OPT_IN = "gen_ai_latest_experimental";

  static final AttributeKey<String> OPERATION_NAME =
      AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
  static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
  static final AttributeKey<String> TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");
  static final AttributeKey<String> ARGUMENTS =
      AttributeKey.stringKey("gen_ai.tool.call.arguments");
  static final AttributeKey<String> RESULT = AttributeKey.stringKey("gen_ai.tool.call.result");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  static final String EXECUTE_TOOL = "execute_tool";

  /**
   * A tracked method runs in the application's own process, on arguments it was handed: the
   * conventions' {@code function} ("executed on the client-side ... the client executes the
   * logic"), not an {@code extension} or {@code datastore} of a remote agent.
   */
  static final String FUNCTION = "function";

  /** Whether {@code config} opts in ({@code OTEL_SEMCONV_STABILITY_OPT_IN} or its overrides). */
  static boolean enabled(ConfigProperties config) {
    for (String v : config.getList(ExportSettings.SEMCONV_OPT_IN_PROPERTY)) {
      if (v.trim().toLowerCase(Locale.ROOT).equals(OPT_IN)) {
        return true;
      }
    }
    return false;
  }

  static String spanName(CallRecord c) {
    return EXECUTE_TOOL + " " + c.tool();
  }

  /**
   * {@code base} (tooltrace's attributes of the call) with the GenAI ones added. The call id is the
   * span id: tooltrace's own id of the call, the one {@code lineage}, {@code replay} and the {@code
   * .producer} attributes name (a tracked method has no model-assigned call id).
   */
  static Attributes attributes(CallRecord c, Attributes base) {
    AttributesBuilder b = base.toBuilder();
    b.put(OPERATION_NAME, EXECUTE_TOOL);
    b.put(TOOL_NAME, c.tool());
    b.put(TOOL_CALL_ID, c.spanId());
    b.put(TOOL_TYPE, FUNCTION);
    if (c.error()) {
      CallRecord.ErrorInfo e = c.errorInfo();
      // The exception's class name; _OTHER is the conventions' fallback when none is known.
      b.put(ERROR_TYPE, e == null || e.type().isEmpty() ? "_OTHER" : e.type());
    }
    String args = arguments(c.args());
    if (args != null) {
      b.put(ARGUMENTS, args);
    }
    if (!c.error() && c.result() != null && !c.result().isVoid()) {
      Object r = jsonValue(c.result());
      if (r != LEFT_OUT) {
        b.put(RESULT, Json.write(r));
      }
    }
    return b.build();
  }

  /**
   * The arguments as a JSON object by parameter name; null when the call had arguments but none may
   * be shown (all redacted, or previews switched off).
   */
  static String arguments(List<ValueRecord> args) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ValueRecord v : args) {
      Object j = jsonValue(v);
      if (j != LEFT_OUT) {
        out.put(v.name(), j);
      }
    }
    return out.isEmpty() && !args.isEmpty() ? null : Json.write(out);
  }

  /** Marks a value that must not appear; distinct from a null value, which is shown as null. */
  private static final Object LEFT_OUT = new Object();

  /**
   * A value as JSON: primitives as JSON numbers and booleans, objects as their preview string (the
   * same text as {@code tooltrace.*.preview}).
   */
  private static Object jsonValue(ValueRecord v) {
    switch (v.kind()) {
      case RecordFormat.VALUE_REDACTED:
      case RecordFormat.VALUE_UNAVAILABLE:
      case RecordFormat.VALUE_VOID:
        return LEFT_OUT;
      case RecordFormat.VALUE_NULL:
        return null;
      case RecordFormat.VALUE_BOOLEAN:
        return Boolean.valueOf(v.preview());
      case RecordFormat.VALUE_INT:
      case RecordFormat.VALUE_LONG:
        return integral(v.declaredType(), v.preview());
      case RecordFormat.VALUE_DOUBLE:
        return floating(v.preview());
      default:
        // A preview cut to nothing (capture.preview.chars=0) says nothing about the value.
        if (v.preview().isEmpty() && v.previewTruncated()) {
          return LEFT_OUT;
        }
        return v.preview();
    }
  }

  /** int, long, short, byte as numbers, boolean as a boolean, char as a one-character string. */
  private static Object integral(String declaredType, String preview) {
    char tag = PrimitiveValues.tag(declaredType);
    if (tag == 'C') {
      return preview;
    }
    if (tag == 'Z') {
      return Boolean.valueOf(preview);
    }
    try {
      return Long.valueOf(preview);
    } catch (NumberFormatException e) {
      return preview;
    }
  }

  /** NaN and the infinities have no JSON number: they stay strings, as their previews read. */
  private static Object floating(String preview) {
    try {
      double d = Double.parseDouble(preview);
      return Double.isFinite(d) ? (Object) d : preview;
    } catch (NumberFormatException e) {
      return preview;
    }
  }
}
