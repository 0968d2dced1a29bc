/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.jaeger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trace as Jaeger's query API returns it, in Jaeger's own model (what its UI shows): spans with
 * {@code operationName}, {@code references} ({@code CHILD_OF}), times in microseconds, {@code tags}
 * (span attributes and the status), {@code logs} (span events) and a {@code process} (the resource,
 * with {@code serviceName}).
 */
final class JaegerTrace {
  private final String traceId;
  private final List<Span> spans = new ArrayList<>();

  JaegerTrace(JsonNode trace) {
    this.traceId = trace.path("traceID").asText();
    JsonNode processes = trace.path("processes");
    for (JsonNode s : trace.path("spans")) {
      spans.add(new Span(s, processes.path(s.path("processID").asText())));
    }
  }

  String traceId() {
    return traceId;
  }

  List<Span> spans() {
    return spans;
  }

  Map<String, Span> bySpanId() {
    Map<String, Span> m = new LinkedHashMap<>();
    spans.forEach(s -> m.put(s.spanId(), s));
    return m;
  }

  /** One span in Jaeger's model. */
  record Span(JsonNode json, JsonNode process) {
    String spanId() {
      return json.path("spanID").asText();
    }

    String traceId() {
      return json.path("traceID").asText();
    }

    String operationName() {
      return json.path("operationName").asText();
    }

    /** The span id of the {@code CHILD_OF} reference, "" for a root. */
    String parentSpanId() {
      for (JsonNode r : json.path("references")) {
        if (r.path("refType").asText().equals("CHILD_OF")) {
          return r.path("spanID").asText();
        }
      }
      return "";
    }

    int referenceCount() {
      return json.path("references").size();
    }

    long startMicros() {
      return json.path("startTime").asLong();
    }

    long durationMicros() {
      return json.path("duration").asLong();
    }

    /** Tags as Java values: String, Long (int64), Double (float64), Boolean (bool). */
    Map<String, Object> tags() {
      return keyValues(json.path("tags"));
    }

    Object tag(String key) {
      return tags().get(key);
    }

    /** Each log (span event) as its fields, the event name under {@code event}. */
    List<Map<String, Object>> logs() {
      List<Map<String, Object>> out = new ArrayList<>();
      json.path("logs").forEach(l -> out.add(keyValues(l.path("fields"))));
      return out;
    }

    String serviceName() {
      return process.path("serviceName").asText();
    }

    Map<String, Object> processTags() {
      return keyValues(process.path("tags"));
    }

    /** Jaeger's own warnings about the span (e.g. a parent it does not hold). */
    List<String> warnings() {
      List<String> out = new ArrayList<>();
      json.path("warnings").forEach(w -> out.add(w.asText()));
      return out;
    }

    @Override
    public String toString() {
      return json.toString();
    }
  }

  static Map<String, Object> keyValues(JsonNode list) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (JsonNode kv : list) {
      JsonNode v = kv.path("value");
      Object value =
          switch (kv.path("type").asText()) {
            case "bool" -> v.asBoolean();
            case "int64" -> v.asLong();
            case "float64" -> v.asDouble();
            default -> v.asText();
          };
      out.put(kv.path("key").asText(), value);
    }
    return out;
  }
}
