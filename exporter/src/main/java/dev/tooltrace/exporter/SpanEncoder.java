/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import dev.tooltrace.record.CallView;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.Utf8Slice;
import dev.tooltrace.record.ValueView;
import java.nio.charset.StandardCharsets;

/**
 * Writes a call read in place ({@link CallView}) as an OTLP {@code Span} and, for a failed call, a
 * {@code LogRecord}, straight into protobuf: the same span and attributes as {@link SpanAttributes}
 * and {@link CallMapper} describe (names, types, which attribute when), without building {@code
 * SpanData}, {@code Attributes}, hex strings or any per-call object. {@code LeanEncodingTest} holds
 * both paths to the same decoded protobuf.
 *
 * <p>Not thread-safe: one per exporting thread.
 */
final class SpanEncoder {
  // Field numbers of the OTLP protos (opentelemetry/proto/trace/v1/trace.proto,
  // logs/v1/logs.proto).
  static final int SCOPE_ITEMS = 2; // ScopeSpans.spans, ScopeLogs.log_records
  private static final int SPAN_TRACE_ID = 1;
  private static final int SPAN_SPAN_ID = 2;
  private static final int SPAN_PARENT_SPAN_ID = 4;
  private static final int SPAN_NAME = 5;
  private static final int SPAN_KIND = 6;
  private static final int SPAN_START = 7;
  private static final int SPAN_END = 8;
  private static final int SPAN_ATTRIBUTES = 9;
  private static final int SPAN_EVENTS = 11;
  private static final int SPAN_STATUS = 15;
  private static final int SPAN_FLAGS = 16;
  private static final int EVENT_TIME = 1;
  private static final int EVENT_NAME = 2;
  private static final int EVENT_ATTRIBUTES = 3;
  private static final int STATUS_MESSAGE = 2;
  private static final int STATUS_CODE = 3;
  private static final int LOG_TIME = 1;
  private static final int LOG_SEVERITY_NUMBER = 2;
  private static final int LOG_SEVERITY_TEXT = 3;
  private static final int LOG_BODY = 5;
  private static final int LOG_ATTRIBUTES = 6;
  private static final int LOG_FLAGS = 8;
  private static final int LOG_TRACE_ID = 9;
  private static final int LOG_SPAN_ID = 10;
  private static final int LOG_OBSERVED_TIME = 11;

  private static final int KIND_INTERNAL = 1;
  private static final int STATUS_ERROR = 2;
  private static final int SEVERITY_ERROR = 17;
  private static final int TRACE_FLAGS_SAMPLED = 0x01;

  /**
   * W3C trace flags (sampled) plus {@code SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK}: the parent is a
   * call of the same process, never remote, as the SDK's marshaler says for such a span.
   */
  private static final int SPAN_FLAGS_VALUE = TRACE_FLAGS_SAMPLED | 0x100;

  private static final KeyValues.Key CODE_NAMESPACE =
      KeyValues.Key.of(SpanAttributes.CODE_NAMESPACE);
  private static final KeyValues.Key CODE_FUNCTION = KeyValues.Key.of(SpanAttributes.CODE_FUNCTION);
  private static final KeyValues.Key THREAD_NAME = KeyValues.Key.of(SpanAttributes.THREAD_NAME);
  private static final KeyValues.Key THREAD_ID = KeyValues.Key.of(SpanAttributes.THREAD_ID);
  private static final KeyValues.Key RUN_ID = KeyValues.Key.of(SpanAttributes.RUN_ID);
  private static final KeyValues.Key OPERATION = KeyValues.Key.of(SpanAttributes.OPERATION);
  private static final KeyValues.Key CONFIDENCE = KeyValues.Key.of(SpanAttributes.CONFIDENCE);
  private static final KeyValues.Key QUALITY = KeyValues.Key.of(SpanAttributes.QUALITY);
  private static final KeyValues.Key ASYNC = KeyValues.Key.of(SpanAttributes.ASYNC);
  private static final KeyValues.Key CONFIDENCE_REJECTED =
      KeyValues.Key.of(SpanAttributes.CONFIDENCE_REJECTED);
  private static final KeyValues.Key CHAIN_SEQ = KeyValues.Key.of(SpanAttributes.CHAIN_SEQ);
  private static final KeyValues.Key CPU_NANOS = KeyValues.Key.of(SpanAttributes.CPU_NANOS);
  private static final KeyValues.Key SELF_CPU_NANOS =
      KeyValues.Key.of(SpanAttributes.SELF_CPU_NANOS);
  private static final KeyValues.Key ALLOCATED_BYTES =
      KeyValues.Key.of(SpanAttributes.ALLOCATED_BYTES);
  private static final KeyValues.Key SELF_ALLOCATED_BYTES =
      KeyValues.Key.of(SpanAttributes.SELF_ALLOCATED_BYTES);
  private static final KeyValues.Key EXCEPTION_TYPE =
      KeyValues.Key.of(SpanAttributes.EXCEPTION_TYPE);
  private static final KeyValues.Key EXCEPTION_MESSAGE =
      KeyValues.Key.of(SpanAttributes.EXCEPTION_MESSAGE);
  private static final KeyValues.Key EXCEPTION_STACKTRACE =
      KeyValues.Key.of(SpanAttributes.EXCEPTION_STACKTRACE);

  private static final byte[] EXCEPTION = utf8("exception");
  private static final byte[] ERROR_TEXT = utf8("ERROR");
  private static final byte[] COLON = utf8(": ");
  private static final byte[] TOOL_PREFIX = utf8("tool ");
  private static final byte[] FAILED = utf8(" failed: ");

  private static final int CACHED_ARGS = 16;
  private static final ValueKeys[] ARG_KEYS = new ValueKeys[CACHED_ARGS];
  private static final ValueKeys RETURN_KEYS = new ValueKeys("tooltrace.return", false);

  static {
    for (int i = 0; i < CACHED_ARGS; i++) {
      ARG_KEYS[i] = new ValueKeys("tooltrace.arg." + i, true);
    }
  }

  private final QualityTiers tiers;
  private final GenAiEncoder genAi; // null: tooltrace's own attributes only
  private final byte[] high;
  private final byte[] medium;
  private final byte[] low;

  SpanEncoder(QualityTiers tiers) {
    this(tiers, false);
  }

  /**
   * With {@code genAi}, spans also follow the GenAI tool-call conventions, as {@link CallMapper}
   * with {@link GenAiToolCalls} describes them ({@link GenAiEncoder}).
   */
  SpanEncoder(QualityTiers tiers, boolean genAi) {
    this.tiers = tiers;
    this.genAi = genAi ? new GenAiEncoder() : null;
    this.high = utf8(QualityTiers.HIGH);
    this.medium = utf8(QualityTiers.MEDIUM);
    this.low = utf8(QualityTiers.LOW);
  }

  /** Writes the span of {@code c} as one {@code ScopeSpans.spans} field. */
  void span(ProtoWriter w, CallView c) {
    int span = w.begin(SCOPE_ITEMS);
    w.idField(SPAN_TRACE_ID, c.traceIdHi(), c.traceIdLo());
    w.idField(SPAN_SPAN_ID, c.spanId());
    if (!c.isRoot()) {
      w.idField(SPAN_PARENT_SPAN_ID, c.parentSpanId());
    }
    if (genAi != null) {
      GenAiEncoder.spanName(w, SPAN_NAME, c.tool());
    } else {
      w.stringField(SPAN_NAME, c.tool());
    }
    w.varintField(SPAN_KIND, KIND_INTERNAL);
    w.fixed64Field(SPAN_START, c.startEpochNanos());
    w.fixed64Field(SPAN_END, c.endEpochNanos());
    attributes(w, c);
    if (c.error()) {
      int ev = w.begin(SPAN_EVENTS);
      w.fixed64Field(EVENT_TIME, c.endEpochNanos());
      w.bytesField(EVENT_NAME, EXCEPTION, 0, EXCEPTION.length);
      exception(w, EVENT_ATTRIBUTES, c);
      w.end(ev);
    }
    int status = w.begin(SPAN_STATUS);
    if (c.error()) {
      w.varint(ProtoWriter.tag(STATUS_MESSAGE, ProtoWriter.LEN));
      description(w, c);
      w.varintField(STATUS_CODE, STATUS_ERROR);
    }
    w.end(status);
    w.fixed32Field(SPAN_FLAGS, SPAN_FLAGS_VALUE);
    w.end(span);
  }

  /**
   * Writes the log record of a failed call (only call for {@code c.error()}) as one {@code
   * ScopeLogs.log_records} field, as {@link CallMapper#errorLog} describes it.
   */
  void errorLog(ProtoWriter w, CallView c, long observedNanos) {
    int log = w.begin(SCOPE_ITEMS);
    w.fixed64Field(LOG_TIME, c.endEpochNanos());
    w.varintField(LOG_SEVERITY_NUMBER, SEVERITY_ERROR);
    w.bytesField(LOG_SEVERITY_TEXT, ERROR_TEXT, 0, ERROR_TEXT.length);
    int body = w.begin(LOG_BODY);
    w.varint(ProtoWriter.tag(1, ProtoWriter.LEN)); // AnyValue.string_value
    Utf8Slice tool = c.tool();
    w.varint(TOOL_PREFIX.length + tool.length() + FAILED.length + descriptionLength(c));
    w.raw(TOOL_PREFIX);
    w.raw(tool.array(), tool.offset(), tool.length());
    w.raw(FAILED);
    descriptionBytes(w, c);
    w.end(body);
    exception(w, LOG_ATTRIBUTES, c);
    KeyValues.string(w, LOG_ATTRIBUTES, CODE_NAMESPACE, c.codeNamespace());
    KeyValues.string(w, LOG_ATTRIBUTES, CODE_FUNCTION, c.codeFunction());
    KeyValues.string(w, LOG_ATTRIBUTES, THREAD_NAME, c.threadName());
    KeyValues.longValue(w, LOG_ATTRIBUTES, THREAD_ID, c.threadId());
    KeyValues.hex(w, LOG_ATTRIBUTES, RUN_ID, c.runIdHi(), c.runIdLo());
    w.fixed32Field(LOG_FLAGS, TRACE_FLAGS_SAMPLED);
    w.idField(LOG_TRACE_ID, c.traceIdHi(), c.traceIdLo());
    w.idField(LOG_SPAN_ID, c.spanId());
    w.fixed64Field(LOG_OBSERVED_TIME, observedNanos);
    w.end(log);
  }

  /** {@link SpanAttributes#of}, attribute by attribute. */
  private void attributes(ProtoWriter w, CallView c) {
    int f = SPAN_ATTRIBUTES;
    KeyValues.string(w, f, CODE_NAMESPACE, c.codeNamespace());
    KeyValues.string(w, f, CODE_FUNCTION, c.codeFunction());
    KeyValues.string(w, f, THREAD_NAME, c.threadName());
    KeyValues.longValue(w, f, THREAD_ID, c.threadId());
    KeyValues.hex(w, f, RUN_ID, c.runIdHi(), c.runIdLo());
    if (!c.operation().isEmpty()) {
      KeyValues.string(w, f, OPERATION, c.operation());
    }
    if (c.hasConfidence()) {
      KeyValues.doubleValue(w, f, CONFIDENCE, c.confidence());
      KeyValues.string(w, f, QUALITY, tierBytes(c.confidence()));
    }
    if (c.hasFlag(RecordFormat.FLAG_CONFIDENCE_REJECTED)) {
      KeyValues.boolValue(w, f, CONFIDENCE_REJECTED, true);
    }
    if (c.hasFlag(RecordFormat.FLAG_ASYNC)) {
      KeyValues.boolValue(w, f, ASYNC, true);
    }
    if (c.chainSeq() >= 0) {
      KeyValues.longValue(w, f, CHAIN_SEQ, c.chainSeq());
    }
    if (c.hasCost()) {
      KeyValues.longValue(w, f, CPU_NANOS, c.cpuNanos());
      KeyValues.longValue(w, f, SELF_CPU_NANOS, c.selfCpuNanos());
      KeyValues.longValue(w, f, ALLOCATED_BYTES, c.allocatedBytes());
      KeyValues.longValue(w, f, SELF_ALLOCATED_BYTES, c.selfAllocatedBytes());
    }
    for (int i = 0; i < c.argCount(); i++) {
      ValueKeys k = i < CACHED_ARGS ? ARG_KEYS[i] : new ValueKeys("tooltrace.arg." + i, true);
      k.write(w, f, c.arg(i));
    }
    ValueView result = c.result();
    if (!c.error() && !result.isVoid()) {
      RETURN_KEYS.write(w, f, result);
    }
    if (genAi != null) {
      genAi.attributes(w, f, c);
    }
  }

  private byte[] tierBytes(double confidence) {
    String t = tiers.tierOf(confidence);
    return t == QualityTiers.HIGH ? high : t == QualityTiers.MEDIUM ? medium : low;
  }

  /** {@link SpanAttributes#exception}: type, message, stack trace. */
  private static void exception(ProtoWriter w, int field, CallView c) {
    KeyValues.string(w, field, EXCEPTION_TYPE, c.errorType());
    KeyValues.string(w, field, EXCEPTION_MESSAGE, c.errorMessage());
    KeyValues.string(w, field, EXCEPTION_STACKTRACE, c.errorStackTrace());
  }

  /** "type: message", or "type" when the message is empty, as a length-prefixed string. */
  private static void description(ProtoWriter w, CallView c) {
    w.varint(descriptionLength(c));
    descriptionBytes(w, c);
  }

  private static int descriptionLength(CallView c) {
    int n = c.errorType().length();
    return c.errorMessage().isEmpty() ? n : n + COLON.length + c.errorMessage().length();
  }

  private static void descriptionBytes(ProtoWriter w, CallView c) {
    Utf8Slice type = c.errorType();
    w.raw(type.array(), type.offset(), type.length());
    Utf8Slice m = c.errorMessage();
    if (!m.isEmpty()) {
      w.raw(COLON);
      w.raw(m.array(), m.offset(), m.length());
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The keys of one value: {@code PREFIX.{name,type,hash,preview,size,producer}}. */
  private static final class ValueKeys {
    final KeyValues.Key name;
    final KeyValues.Key type;
    final KeyValues.Key hash;
    final KeyValues.Key preview;
    final KeyValues.Key size;
    final KeyValues.Key producer;

    ValueKeys(String prefix, boolean named) {
      this.name = named ? new KeyValues.Key(prefix + ".name") : null;
      this.type = new KeyValues.Key(prefix + ".type");
      this.hash = new KeyValues.Key(prefix + ".hash");
      this.preview = new KeyValues.Key(prefix + ".preview");
      this.size = new KeyValues.Key(prefix + ".size");
      this.producer = new KeyValues.Key(prefix + ".producer");
    }

    void write(ProtoWriter w, int f, ValueView v) {
      if (name != null) {
        KeyValues.string(w, f, name, v.name());
      }
      KeyValues.string(w, f, type, v.actualType().isEmpty() ? v.declaredType() : v.actualType());
      if (v.hasHash()) {
        KeyValues.hex(w, f, hash, v.hashHi(), v.hashLo());
      }
      KeyValues.string(w, f, preview, v.preview());
      if (v.size() >= 0) {
        KeyValues.longValue(w, f, size, v.size());
      }
      if (v.producerSpanId() != 0) {
        KeyValues.hex(w, f, producer, v.producerSpanId());
      }
    }
  }
}
