/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tooltrace.cli.analysis.ProvenanceGraph.Usage;
import dev.tooltrace.cli.analysis.ProvenanceGraph.ValueNode;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RunRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One run's provenance as a W3C PROV-JSON document (https://www.w3.org/submissions/prov-json/):
 *
 * <ul>
 *   <li>activities {@code call:SPAN}: one per call, with start/end time, tool, outcome, confidence
 *       and effective confidence;
 *   <li>entities {@code val:…} ({@link ProvIds#valueName}): the values calls used and returned;
 *   <li>agents: {@code tool:NAME} (a {@code prov:SoftwareAgent} per tool), each {@code
 *       actedOnBehalfOf} {@code run:RUN} (the process that ran the pipeline);
 *   <li>{@code used}, {@code wasGeneratedBy}, {@code wasDerivedFrom} (a call's output from each of
 *       its inputs), {@code wasInformedBy} (a call used a value another call generated), {@code
 *       wasAssociatedWith} (call and its tool), {@code wasStartedBy} (a nested call and the call it
 *       ran in).
 * </ul>
 */
public final class ProvJsonBuilder {
  public static final String NS = "https://tooltrace.dev/ns/prov#";

  private ProvJsonBuilder() {}

  public static ObjectNode build(ProvenanceGraph g, Recording recording, String runId) {
    ObjectMapper m = Json.MAPPER;
    ObjectNode doc = m.createObjectNode();
    ObjectNode prefix = doc.putObject("prefix");
    prefix.put("tt", NS);
    prefix.put("run", "urn:tooltrace:run:");
    prefix.put("call", "urn:tooltrace:call:");
    prefix.put("val", "urn:tooltrace:value:");
    prefix.put("tool", "urn:tooltrace:tool:");
    ObjectNode entity = doc.putObject("entity");
    ObjectNode activity = doc.putObject("activity");
    ObjectNode agent = doc.putObject("agent");
    ObjectNode generated = doc.putObject("wasGeneratedBy");
    ObjectNode used = doc.putObject("used");
    ObjectNode derived = doc.putObject("wasDerivedFrom");
    ObjectNode informed = doc.putObject("wasInformedBy");
    ObjectNode associated = doc.putObject("wasAssociatedWith");
    ObjectNode started = doc.putObject("wasStartedBy");
    ObjectNode delegated = doc.putObject("actedOnBehalfOf");

    String runAgent = "run:" + runId;
    ObjectNode ra = agent.putObject(runAgent);
    ra.set("prov:type", qname(m, "prov:SoftwareAgent"));
    ra.put("prov:label", "tooltrace run " + runId);
    RunRecord run = recording.run(runId);
    if (run != null) {
      ra.put("tt:pid", run.pid());
      ra.put("tt:startTime", time(run.startEpochNanos()));
    }
    Recording.RunChain chain = recording.chain(runId);
    if (chain != null) {
      // The run's place in the queue's hash chain: `tooltrace audit` checks the local evidence.
      if (!chain.anchorLink().isEmpty()) {
        ra.put("tt:chainAnchor", chain.anchorLink());
        ra.put("tt:chainAnchorSeq", chain.anchorSeq());
      }
      ra.put("tt:chainHead", chain.headLink());
      ra.put("tt:chainHeadSeq", chain.headSeq());
    }

    for (ValueNode v : g.values()) {
      if (v.runId().equals(runId)) {
        entity.set(valueId(v), entity(m, g, v));
      }
    }
    Set<String> tools = new HashSet<>();
    Set<String> informs = new LinkedHashSet<>();
    int n = 0;
    for (CallRecord c : g.calls()) {
      if (!c.runId().equals(runId)) {
        continue;
      }
      n++;
      String act = "call:" + c.spanId();
      activity.set(act, activity(m, g, c));
      String toolAgent = "tool:" + ProvIds.toolName(c.tool());
      if (tools.add(toolAgent)) {
        ObjectNode ta = agent.putObject(toolAgent);
        ta.set("prov:type", qname(m, "prov:SoftwareAgent"));
        ta.put("prov:label", c.tool());
        ta.put("tt:codeNamespace", c.codeNamespace());
        ta.put("tt:codeFunction", c.codeFunction());
        ObjectNode d = delegated.putObject("_:d" + tools.size());
        d.put("prov:delegate", toolAgent);
        d.put("prov:responsible", runAgent);
      }
      ObjectNode a = associated.putObject("_:a" + n);
      a.put("prov:activity", act);
      a.put("prov:agent", toolAgent);
      if (!c.isRoot() && g.call(c.parentSpanId()) != null) {
        ObjectNode s = started.putObject("_:s" + n);
        s.put("prov:activity", act);
        s.put("prov:starter", "call:" + c.parentSpanId());
        s.put("prov:time", time(c.startEpochNanos()));
      }
      String out = g.outputOf(c.spanId());
      String outId = out == null ? null : valueId(g.value(out));
      if (outId != null) {
        ObjectNode gen = generated.putObject("_:g" + n);
        gen.put("prov:entity", outId);
        gen.put("prov:activity", act);
        gen.put("prov:time", time(c.endEpochNanos()));
      }
      int k = 0;
      for (Usage u : g.inputsOf(c.spanId())) {
        k++;
        ValueNode v = g.value(u.valueId());
        String inId = valueId(v);
        ObjectNode use = used.putObject("_:u" + n + "." + k);
        use.put("prov:activity", act);
        use.put("prov:entity", inId);
        use.put("prov:time", time(c.startEpochNanos()));
        use.put("prov:role", u.role());
        if (u.link() != null) {
          use.put("tt:link", u.link());
        }
        if (u.probable()) {
          use.put("tt:probable", true);
        }
        if (outId != null) {
          ObjectNode d = derived.putObject("_:w" + n + "." + k);
          d.put("prov:generatedEntity", outId);
          d.put("prov:usedEntity", inId);
          d.put("prov:activity", act);
        }
        if (v.generatedBy() != null && informs.add(c.spanId() + "<" + v.generatedBy())) {
          ObjectNode i = informed.putObject("_:i" + informs.size());
          i.put("prov:informed", act);
          i.put("prov:informant", "call:" + v.generatedBy());
        }
      }
    }
    doc.retain(
        java.util.stream.StreamSupport.stream(
                java.util.Spliterators.spliteratorUnknownSize(doc.fieldNames(), 0), false)
            .filter(f -> f.equals("prefix") || doc.get(f).size() > 0)
            .toList());
    return doc;
  }

  public static String valueId(ValueNode v) {
    return "val:" + ProvIds.valueName(v);
  }

  private static ObjectNode entity(ObjectMapper m, ProvenanceGraph g, ValueNode v) {
    ObjectNode e = m.createObjectNode();
    e.set("prov:type", qname(m, "tt:Value"));
    e.put("prov:label", v.value().preview());
    e.put("prov:value", v.value().preview());
    e.put("tt:javaType", v.value().actualType());
    if (v.hash() != null) {
      e.put("tt:hash", v.hash());
    }
    e.put("tt:size", v.value().size());
    e.put("tt:external", v.external());
    e.put("tt:effectiveConfidence", g.effectiveConfidence(v.id()));
    return e;
  }

  private static ObjectNode activity(ObjectMapper m, ProvenanceGraph g, CallRecord c) {
    ObjectNode a = m.createObjectNode();
    a.put("prov:startTime", time(c.startEpochNanos()));
    a.put("prov:endTime", time(c.endEpochNanos()));
    a.set("prov:type", qname(m, "tt:ToolCall"));
    a.put("prov:label", c.tool());
    a.put("tt:tool", c.tool());
    a.put("tt:traceId", c.traceId());
    a.put("tt:spanId", c.spanId());
    a.put("tt:thread", c.threadName());
    a.put("tt:durationNanos", c.durationNanos());
    a.put("tt:outcome", c.error() ? "error" : "ok");
    if (c.errorInfo() != null) {
      a.put("tt:errorType", c.errorInfo().type());
      a.put("tt:errorMessage", c.errorInfo().message());
    }
    if (c.confidence() != null) {
      a.put("tt:confidence", c.confidence());
    }
    a.put("tt:effectiveConfidence", g.effectiveConfidence(c.spanId()));
    return a;
  }

  private static ObjectNode qname(ObjectMapper m, String name) {
    ObjectNode q = m.createObjectNode();
    q.put("$", name);
    q.put("type", "prov:QUALIFIED_NAME");
    return q;
  }

  static String time(long epochNanos) {
    return Instant.ofEpochSecond(
            Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L))
        .toString();
  }
}
