/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ValueRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.List;

/**
 * The attributes of a call's span: OpenTelemetry semantic conventions where one exists ({@code
 * code.*}, {@code thread.*}, {@code exception.*}), {@code tooltrace.*} for the rest. Keys are
 * public because tests, dashboards and the docs name them.
 */
public final class SpanAttributes {
  private SpanAttributes() {}

  public static final AttributeKey<String> CODE_NAMESPACE =
      AttributeKey.stringKey("code.namespace");
  public static final AttributeKey<String> CODE_FUNCTION = AttributeKey.stringKey("code.function");
  public static final AttributeKey<String> THREAD_NAME = AttributeKey.stringKey("thread.name");
  public static final AttributeKey<Long> THREAD_ID = AttributeKey.longKey("thread.id");
  public static final AttributeKey<String> RUN_ID = RunResources.RUN_ID;
  public static final AttributeKey<String> OPERATION =
      AttributeKey.stringKey("tooltrace.operation");
  public static final AttributeKey<Double> CONFIDENCE =
      AttributeKey.doubleKey("tooltrace.confidence");
  public static final AttributeKey<String> QUALITY = AttributeKey.stringKey("tooltrace.quality");
  public static final AttributeKey<Boolean> ASYNC = AttributeKey.booleanKey("tooltrace.async");
  public static final AttributeKey<Boolean> CONFIDENCE_REJECTED =
      AttributeKey.booleanKey("tooltrace.confidence.rejected");
  public static final AttributeKey<Long> CHAIN_SEQ = AttributeKey.longKey("tooltrace.chain.seq");
  public static final AttributeKey<Long> CPU_NANOS =
      AttributeKey.longKey("tooltrace.cost.cpu_nanos");
  public static final AttributeKey<Long> SELF_CPU_NANOS =
      AttributeKey.longKey("tooltrace.cost.self_cpu_nanos");
  public static final AttributeKey<Long> ALLOCATED_BYTES =
      AttributeKey.longKey("tooltrace.cost.allocated_bytes");
  public static final AttributeKey<Long> SELF_ALLOCATED_BYTES =
      AttributeKey.longKey("tooltrace.cost.self_allocated_bytes");
  public static final AttributeKey<String> EXCEPTION_TYPE =
      AttributeKey.stringKey("exception.type");
  public static final AttributeKey<String> EXCEPTION_MESSAGE =
      AttributeKey.stringKey("exception.message");
  public static final AttributeKey<String> EXCEPTION_STACKTRACE =
      AttributeKey.stringKey("exception.stacktrace");

  // Per-argument keys are built per index: a few distinct keys, cached.
  private static final int CACHED_ARGS = 16;
  private static final ValueKeys[] ARG_KEYS = new ValueKeys[CACHED_ARGS];
  private static final ValueKeys RETURN_KEYS = new ValueKeys("tooltrace.return", false);

  static {
    for (int i = 0; i < CACHED_ARGS; i++) {
      ARG_KEYS[i] = new ValueKeys("tooltrace.arg." + i, true);
    }
  }

  /** The attributes of the span of {@code c}; {@code tier} may be null. */
  static Attributes of(CallRecord c, String tier) {
    AttributesBuilder b = Attributes.builder();
    b.put(CODE_NAMESPACE, c.codeNamespace());
    b.put(CODE_FUNCTION, c.codeFunction());
    b.put(THREAD_NAME, c.threadName());
    b.put(THREAD_ID, c.threadId());
    b.put(RUN_ID, c.runId());
    if (!c.operation().isEmpty()) {
      b.put(OPERATION, c.operation());
    }
    if (c.confidence() != null) {
      b.put(CONFIDENCE, c.confidence());
      b.put(QUALITY, tier);
    }
    if (c.hasFlag(RecordFormat.FLAG_CONFIDENCE_REJECTED)) {
      b.put(CONFIDENCE_REJECTED, true);
    }
    if (c.hasFlag(RecordFormat.FLAG_ASYNC)) {
      b.put(ASYNC, true);
    }
    if (c.chainSeq() >= 0) {
      b.put(CHAIN_SEQ, c.chainSeq());
    }
    if (c.hasCost()) {
      b.put(CPU_NANOS, c.cpuNanos());
      b.put(SELF_CPU_NANOS, c.selfCpuNanos());
      b.put(ALLOCATED_BYTES, c.allocatedBytes());
      b.put(SELF_ALLOCATED_BYTES, c.selfAllocatedBytes());
    }
    List<ValueRecord> args = c.args();
    for (int i = 0; i < args.size(); i++) {
      ValueKeys k = i < CACHED_ARGS ? ARG_KEYS[i] : new ValueKeys("tooltrace.arg." + i, true);
      k.put(b, args.get(i));
    }
    if (!c.error() && c.result() != null && !c.result().isVoid()) {
      RETURN_KEYS.put(b, c.result());
    }
    return b.build();
  }

  /** The {@code exception.*} attributes of a failed call (span event and log record). */
  static Attributes exception(CallRecord.ErrorInfo e) {
    return Attributes.of(
        EXCEPTION_TYPE, e.type(),
        EXCEPTION_MESSAGE, e.message(),
        EXCEPTION_STACKTRACE, e.stackTrace());
  }

  /** The keys describing one value: {@code PREFIX.{name,type,hash,preview,size,producer}}. */
  private static final class ValueKeys {
    final AttributeKey<String> name;
    final AttributeKey<String> type;
    final AttributeKey<String> hash;
    final AttributeKey<String> preview;
    final AttributeKey<Long> size;
    final AttributeKey<String> producer;

    ValueKeys(String prefix, boolean named) {
      this.name = named ? AttributeKey.stringKey(prefix + ".name") : null;
      this.type = AttributeKey.stringKey(prefix + ".type");
      this.hash = AttributeKey.stringKey(prefix + ".hash");
      this.preview = AttributeKey.stringKey(prefix + ".preview");
      this.size = AttributeKey.longKey(prefix + ".size");
      this.producer = AttributeKey.stringKey(prefix + ".producer");
    }

    void put(AttributesBuilder b, ValueRecord v) {
      if (name != null) {
        b.put(name, v.name());
      }
      b.put(type, v.actualType().isEmpty() ? v.declaredType() : v.actualType());
      if (v.hash() != null) {
        b.put(hash, v.hash());
      }
      b.put(preview, v.preview());
      if (v.size() >= 0) {
        b.put(size, v.size());
      }
      if (v.producerSpanId() != null) {
        b.put(producer, v.producerSpanId());
      }
    }
  }
}
