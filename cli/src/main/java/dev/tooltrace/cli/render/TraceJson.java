/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tooltrace.cli.analysis.TraceForest.Trace;
import dev.tooltrace.cli.analysis.TraceNode;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.ValueRecord;
import java.util.List;

/** Trace trees as JSON: {@code {"traces":[{"traceId","runId","roots":[call…]}]}}. */
public final class TraceJson {
  private TraceJson() {}

  public static ObjectNode of(List<Trace> traces) {
    ObjectNode root = Json.object();
    ArrayNode arr = root.putArray("traces");
    for (Trace t : traces) {
      ObjectNode o = arr.addObject();
      o.put("traceId", t.traceId());
      o.put("runId", t.runId());
      ArrayNode roots = o.putArray("roots");
      for (TraceNode n : t.roots()) {
        roots.add(node(n));
      }
    }
    return root;
  }

  static ObjectNode node(TraceNode n) {
    ObjectNode o = call(n.call());
    if (n.parentMissing()) {
      o.put("parentMissing", true);
    }
    ArrayNode kids = o.putArray("children");
    for (TraceNode k : n.children()) {
      kids.add(node(k));
    }
    return o;
  }

  /** One call's fields (shared by the trace and provenance outputs). */
  public static ObjectNode call(CallRecord c) {
    ObjectNode o = Json.object();
    o.put("spanId", c.spanId());
    o.put("parentSpanId", c.parentSpanId().isEmpty() ? null : c.parentSpanId());
    o.put("traceId", c.traceId());
    o.put("runId", c.runId());
    o.put("tool", c.tool());
    o.put("operation", c.operation());
    o.put("codeNamespace", c.codeNamespace());
    o.put("codeFunction", c.codeFunction());
    o.put("threadId", c.threadId());
    o.put("threadName", c.threadName());
    o.put("start", Fmt.time(c.startEpochNanos()));
    o.put("startEpochNanos", c.startEpochNanos());
    o.put("durationNanos", c.durationNanos());
    o.put("durationMs", c.durationNanos() / 1e6);
    o.put("outcome", c.error() ? "error" : "ok");
    if (c.errorInfo() != null) {
      ObjectNode e = o.putObject("error");
      e.put("type", c.errorInfo().type());
      e.put("message", c.errorInfo().message());
    }
    if (c.confidence() != null) {
      o.put("confidence", c.confidence());
    }
    if (c.hasCost()) {
      ObjectNode cost = o.putObject("cost");
      cost.put("cpuNanos", c.cpuNanos());
      cost.put("selfCpuNanos", c.selfCpuNanos());
      cost.put("allocatedBytes", c.allocatedBytes());
      cost.put("selfAllocatedBytes", c.selfAllocatedBytes());
    }
    if (c.chainSeq() >= 0) {
      o.put("chainSeq", c.chainSeq());
    }
    ArrayNode args = o.putArray("args");
    for (ValueRecord a : c.args()) {
      args.add(value(a));
    }
    if (c.result() != null && !c.result().isVoid() && !c.error()) {
      o.set("result", value(c.result()));
    }
    return o;
  }

  public static ObjectNode value(ValueRecord v) {
    ObjectNode o = Json.object();
    o.put("name", v.name());
    o.put("declaredType", v.declaredType());
    o.put("type", v.actualType());
    o.put("hash", v.hash());
    if (v.hashPartial()) {
      o.put("hashPartial", true);
    }
    if (v.hashSampled()) {
      o.put("hashSampled", true);
    }
    o.put("size", v.size());
    o.put("preview", v.preview());
    if (v.previewTruncated()) {
      o.put("previewTruncated", true);
    }
    if (v.producerSpanId() != null) {
      o.put("producerSpanId", v.producerSpanId());
      if (v.producerIsElement()) {
        o.put("producerIsElement", true);
      }
    }
    if (!v.elements().isEmpty() || v.elementsTruncated() || v.elementsDegraded()) {
      o.put("elements", v.elements().size());
      if (v.elementsTruncated()) {
        o.put("elementsTruncated", true);
        o.put("elementsOmitted", v.elementsOmitted());
      }
      if (v.elementsDegraded()) {
        o.put("elementsDegraded", true);
      }
    }
    return o;
  }
}
