/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;

/**
 * A finished span built from a call record. The SDK has no public builder for {@link SpanData} (its
 * tracer creates spans "now", with its own ids), so the record's ids, times and resource are
 * carried by this plain immutable value.
 */
@SuppressWarnings("deprecation") // getInstrumentationLibraryInfo is still abstract in SpanData
final class CallSpanData implements SpanData {
  private final String name;
  private final SpanContext context;
  private final SpanContext parent;
  private final StatusData status;
  private final long start;
  private final long end;
  private final Attributes attributes;
  private final List<EventData> events;
  private final Resource resource;
  private final InstrumentationScopeInfo scope;

  CallSpanData(
      String name,
      SpanContext context,
      SpanContext parent,
      StatusData status,
      long start,
      long end,
      Attributes attributes,
      List<EventData> events,
      Resource resource,
      InstrumentationScopeInfo scope) {
    this.name = name;
    this.context = context;
    this.parent = parent;
    this.status = status;
    this.start = start;
    this.end = end;
    this.attributes = attributes;
    this.events = events;
    this.resource = resource;
    this.scope = scope;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public SpanKind getKind() {
    return SpanKind.INTERNAL;
  }

  @Override
  public SpanContext getSpanContext() {
    return context;
  }

  @Override
  public SpanContext getParentSpanContext() {
    return parent;
  }

  @Override
  public StatusData getStatus() {
    return status;
  }

  @Override
  public long getStartEpochNanos() {
    return start;
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public List<EventData> getEvents() {
    return events;
  }

  @Override
  public List<LinkData> getLinks() {
    return List.of();
  }

  @Override
  public long getEndEpochNanos() {
    return end;
  }

  @Override
  public boolean hasEnded() {
    return true;
  }

  @Override
  public int getTotalRecordedEvents() {
    return events.size();
  }

  @Override
  public int getTotalRecordedLinks() {
    return 0;
  }

  @Override
  public int getTotalAttributeCount() {
    return attributes.size();
  }

  @Override
  public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
    return InstrumentationLibraryInfo.create(scope.getName(), scope.getVersion());
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return scope;
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  public String toString() {
    return "CallSpanData{" + name + " " + context.getSpanId() + "}";
  }
}
