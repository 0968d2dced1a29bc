/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;

/**
 * The log record of a failed call, correlated with its span by trace and span id. Built directly
 * (like {@link CallSpanData}) because the SDK's logger stamps records with "now" and the current
 * context, not with the recorded call's.
 */
@SuppressWarnings("deprecation") // getBody is still abstract in LogRecordData
final class ErrorLogRecordData implements LogRecordData {
  private final Resource resource;
  private final InstrumentationScopeInfo scope;
  private final long timestamp;
  private final long observed;
  private final SpanContext context;
  private final String body;
  private final Attributes attributes;

  ErrorLogRecordData(
      Resource resource,
      InstrumentationScopeInfo scope,
      long timestamp,
      long observed,
      SpanContext context,
      String body,
      Attributes attributes) {
    this.resource = resource;
    this.scope = scope;
    this.timestamp = timestamp;
    this.observed = observed;
    this.context = context;
    this.body = body;
    this.attributes = attributes;
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return scope;
  }

  @Override
  public long getTimestampEpochNanos() {
    return timestamp;
  }

  @Override
  public long getObservedTimestampEpochNanos() {
    return observed;
  }

  @Override
  public SpanContext getSpanContext() {
    return context;
  }

  @Override
  public Severity getSeverity() {
    return Severity.ERROR;
  }

  @Override
  public String getSeverityText() {
    return "ERROR";
  }

  @Override
  public Body getBody() {
    return Body.string(body);
  }

  @Override
  public Value<?> getBodyValue() {
    return Value.of(body);
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public int getTotalAttributeCount() {
    return attributes.size();
  }
}
