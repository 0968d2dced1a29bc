/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import dev.tooltrace.record.CallRecord;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;

/** Maps one call record to its span and, for a failed call, its log record. */
final class CallMapper {
  static final InstrumentationScopeInfo SCOPE =
      InstrumentationScopeInfo.builder("dev.tooltrace").setVersion(Versions.TOOLTRACE).build();

  private final QualityTiers tiers;
  private final boolean genAi;

  CallMapper(QualityTiers tiers) {
    this(tiers, false);
  }

  /** With {@code genAi}, spans follow the GenAI tool-call conventions ({@link GenAiToolCalls}). */
  CallMapper(QualityTiers tiers, boolean genAi) {
    this.tiers = tiers;
    this.genAi = genAi;
  }

  SpanData span(CallRecord c, Resource resource) {
    SpanContext ctx = context(c.traceId(), c.spanId());
    SpanContext parent =
        c.isRoot() ? SpanContext.getInvalid() : context(c.traceId(), c.parentSpanId());
    Attributes attrs = SpanAttributes.of(c, tiers.tierOf(c.confidence()));
    if (genAi) {
      attrs = GenAiToolCalls.attributes(c, attrs);
    }
    StatusData status = StatusData.unset();
    List<EventData> events = List.of();
    if (c.error()) {
      CallRecord.ErrorInfo e = errorInfo(c);
      status = StatusData.create(StatusCode.ERROR, description(e));
      events =
          List.of(EventData.create(c.endEpochNanos(), "exception", SpanAttributes.exception(e)));
    }
    return new CallSpanData(
        genAi ? GenAiToolCalls.spanName(c) : c.tool(),
        ctx,
        parent,
        status,
        c.startEpochNanos(),
        c.endEpochNanos(),
        attrs,
        events,
        resource,
        SCOPE);
  }

  /** The log record of a failed call; only call for {@code c.error()}. */
  ErrorLogRecordData errorLog(CallRecord c, Resource resource, long nowNanos) {
    CallRecord.ErrorInfo e = errorInfo(c);
    Attributes attrs =
        SpanAttributes.exception(e).toBuilder()
            .put(SpanAttributes.CODE_NAMESPACE, c.codeNamespace())
            .put(SpanAttributes.CODE_FUNCTION, c.codeFunction())
            .put(SpanAttributes.THREAD_NAME, c.threadName())
            .put(SpanAttributes.THREAD_ID, c.threadId())
            .put(SpanAttributes.RUN_ID, c.runId())
            .build();
    return new ErrorLogRecordData(
        resource,
        SCOPE,
        c.endEpochNanos(),
        nowNanos,
        context(c.traceId(), c.spanId()),
        "tool " + c.tool() + " failed: " + description(e),
        attrs);
  }

  private static CallRecord.ErrorInfo errorInfo(CallRecord c) {
    CallRecord.ErrorInfo e = c.errorInfo();
    return e != null ? e : new CallRecord.ErrorInfo("unknown", "", "");
  }

  private static String description(CallRecord.ErrorInfo e) {
    return e.message().isEmpty() ? e.type() : e.type() + ": " + e.message();
  }

  private static SpanContext context(String traceId, String spanId) {
    return SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
  }
}
