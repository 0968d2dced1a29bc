/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.report;

import dev.tooltrace.cli.report.ReportModel.CallView;
import dev.tooltrace.cli.report.ReportModel.ErrorView;
import dev.tooltrace.cli.report.ReportModel.ValueView;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ValueRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns records into the page's bounded views: previews cut to {@link Limits#PREVIEW_CHARS}, at
 * most {@link Limits#ARGS_SHOWN} arguments, stack traces cut to {@link Limits#STACK_CHARS}, times
 * as offsets from the run's start.
 */
final class Views {
  private Views() {}

  static CallView call(CallRecord c, long t0, boolean withStack) {
    List<ValueView> args = new ArrayList<>();
    List<ValueRecord> all = c.args();
    for (int i = 0; i < all.size() && i < Limits.ARGS_SHOWN; i++) {
      args.add(value(all.get(i)));
    }
    if (all.size() > Limits.ARGS_SHOWN) {
      args.add(
          new ValueView(
              "…", "", (all.size() - Limits.ARGS_SHOWN) + " more arguments", null, -1, true));
    }
    ErrorView error = null;
    if (c.error()) {
      CallRecord.ErrorInfo e = c.errorInfo();
      error =
          e == null
              ? new ErrorView("(unknown)", "", "")
              : new ErrorView(
                  e.type(),
                  cut(e.message(), Limits.PREVIEW_CHARS * 4),
                  withStack ? cut(e.stackTrace(), Limits.STACK_CHARS) : null);
    }
    return new CallView(
        c.spanId(),
        c.parentSpanId(),
        c.traceId(),
        c.tool(),
        c.threadName(),
        c.startEpochNanos() - t0,
        c.durationNanos(),
        c.confidence(),
        args,
        c.result() == null || c.result().isVoid() ? null : value(c.result()),
        error);
  }

  static ValueView value(ValueRecord v) {
    String type =
        v.actualType() == null || v.actualType().isEmpty() ? v.declaredType() : v.actualType();
    String preview;
    switch (v.kind()) {
      case RecordFormat.VALUE_NULL:
        preview = "null";
        break;
      case RecordFormat.VALUE_REDACTED:
        preview = "(redacted)";
        break;
      case RecordFormat.VALUE_UNAVAILABLE:
        preview = "(unavailable: " + v.preview() + ")";
        break;
      default:
        preview = v.preview() == null ? "" : v.preview();
    }
    boolean cutHere = preview.length() > Limits.PREVIEW_CHARS;
    return new ValueView(
        v.name(),
        type == null ? "" : type,
        cut(preview, Limits.PREVIEW_CHARS),
        v.hash() == null ? null : v.hash().substring(0, Math.min(16, v.hash().length())),
        v.size(),
        cutHere || v.previewTruncated());
  }

  static String cut(String s, int max) {
    if (s == null) {
      return null;
    }
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
