/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tooltrace.cli.analysis.ProvenanceGraph.Usage;
import dev.tooltrace.cli.analysis.ProvenanceGraph.ValueNode;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.RunEndRecord;
import dev.tooltrace.record.RunRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * One run's provenance as OpenLineage run events (spec 2-0-2), ordered by event time:
 *
 * <ul>
 *   <li>the tooltrace run is an OpenLineage run of job {@code tooltrace/JOB} (JOB from the run's
 *       environment {@code service.name}, else {@code tooltrace-run}), runId = the tooltrace run id
 *       as a UUID: START at its start, COMPLETE at its RUN_END (no terminal event when the run has
 *       not ended in order: it may still be running, or it was killed);
 *   <li>every call is an OpenLineage run of job {@code tooltrace/TOOL}, runId = a name-based UUID
 *       of run id and span id: START at its start, COMPLETE or FAIL (with the {@code errorMessage}
 *       facet) at its end, a {@code parent} facet naming the enclosing call (or the tooltrace run),
 *       inputs = the values it used, outputs = the value it returned, as datasets in namespace
 *       {@code tooltrace} named by {@link ProvIds#valueName} (so one call's output and the next
 *       call's input are the same dataset), and a {@code tooltrace_call} facet with trace/span ids,
 *       confidence and effective confidence.
 * </ul>
 */
public final class OpenLineageBuilder {
  public static final String PRODUCER = "https://tooltrace.dev/cli";
  public static final String SCHEMA_URL =
      "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
  static final String PARENT_FACET =
      "https://openlineage.io/spec/facets/1-2-0/ParentRunFacet.json#/$defs/ParentRunFacet";
  static final String ERROR_FACET =
      "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json"
          + "#/$defs/ErrorMessageRunFacet";
  static final String CALL_FACET =
      "https://tooltrace.dev/spec/facets/1-0-0/TooltraceCallFacet.json";
  static final String CHAIN_FACET =
      "https://tooltrace.dev/spec/facets/1-0-0/TooltraceChainFacet.json";
  public static final String NAMESPACE = "tooltrace";

  private OpenLineageBuilder() {}

  private record Timed(long epochNanos, int order, ObjectNode event) {}

  public static List<ObjectNode> build(ProvenanceGraph g, Recording recording, String runId) {
    ObjectMapper m = Json.MAPPER;
    List<Timed> events = new ArrayList<>();
    RunRecord run = recording.run(runId);
    String runJob = runJobName(m, run);
    String runUuid = runUuid(runId);
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (CallRecord c : g.calls()) {
      if (!c.runId().equals(runId)) {
        continue;
      }
      first = Math.min(first, c.startEpochNanos());
      last = Math.max(last, c.endEpochNanos());
      CallRecord parent = c.isRoot() ? null : g.call(c.parentSpanId());
      ObjectNode start = event(m, "START", c.startEpochNanos(), callUuid(c), c.tool());
      ObjectNode end =
          event(m, c.error() ? "FAIL" : "COMPLETE", c.endEpochNanos(), callUuid(c), c.tool());
      for (ObjectNode e : List.of(start, end)) {
        ObjectNode facets = ((ObjectNode) e.get("run")).putObject("facets");
        ObjectNode p = facet(m, facets, "parent", PARENT_FACET);
        p.putObject("run").put("runId", parent == null ? runUuid : callUuid(parent));
        ObjectNode pj = p.putObject("job");
        pj.put("namespace", NAMESPACE);
        pj.put("name", parent == null ? runJob : parent.tool());
        ObjectNode root = p.putObject("root");
        root.putObject("run").put("runId", runUuid);
        root.putObject("job").put("namespace", NAMESPACE).put("name", runJob);
        ObjectNode tc = facet(m, facets, "tooltrace_call", CALL_FACET);
        tc.put("traceId", c.traceId());
        tc.put("spanId", c.spanId());
        tc.put("thread", c.threadName());
        tc.put("codeNamespace", c.codeNamespace());
        tc.put("codeFunction", c.codeFunction());
        if (c.confidence() != null) {
          tc.put("confidence", c.confidence());
        }
        ArrayNode inputs = e.putArray("inputs");
        for (Usage u : g.inputsOf(c.spanId())) {
          inputs.add(dataset(m, g.value(u.valueId())));
        }
      }
      if (c.error() && c.errorInfo() != null) {
        ObjectNode facets = (ObjectNode) end.get("run").get("facets");
        ObjectNode err = facet(m, facets, "errorMessage", ERROR_FACET);
        err.put("message", c.errorInfo().type() + ": " + c.errorInfo().message());
        err.put("programmingLanguage", "JAVA");
        err.put("stackTrace", c.errorInfo().stackTrace());
      }
      ((ObjectNode) end.get("run").get("facets").get("tooltrace_call"))
          .put("effectiveConfidence", g.effectiveConfidence(c.spanId()))
          .put("durationNanos", c.durationNanos());
      ArrayNode outputs = end.putArray("outputs");
      String out = g.outputOf(c.spanId());
      if (out != null) {
        outputs.add(dataset(m, g.value(out)));
      }
      events.add(new Timed(c.startEpochNanos(), 1, start));
      events.add(new Timed(c.endEpochNanos(), 2, end));
    }
    long runStart = run != null ? run.startEpochNanos() : first;
    Recording.RunChain chain = recording.chain(runId);
    if (runStart != Long.MAX_VALUE) {
      ObjectNode start = event(m, "START", runStart, runUuid, runJob);
      chainFacet(m, start, chain);
      events.add(new Timed(runStart, 0, start));
    }
    RunEndRecord end = recording.runEnd(runId);
    if (end != null) {
      long at = Math.max(end.endEpochNanos(), last);
      ObjectNode complete = event(m, "COMPLETE", at, runUuid, runJob);
      chainFacet(m, complete, chain);
      events.add(new Timed(at, 3, complete));
    }
    events.sort(Comparator.comparingLong(Timed::epochNanos).thenComparingInt(Timed::order));
    List<ObjectNode> out = new ArrayList<>(events.size());
    for (Timed t : events) {
      out.add(t.event());
    }
    return out;
  }

  private static ObjectNode event(
      ObjectMapper m, String type, long epochNanos, String runUuid, String job) {
    ObjectNode e = m.createObjectNode();
    e.put("eventType", type);
    e.put("eventTime", ProvJsonBuilder.time(epochNanos));
    e.put("producer", PRODUCER);
    e.put("schemaURL", SCHEMA_URL);
    e.putObject("run").put("runId", runUuid);
    e.putObject("job").put("namespace", NAMESPACE).put("name", job);
    return e;
  }

  /**
   * The run's place in the queue's hash chain ({@code tooltrace_chain}: anchor and head links and
   * positions), so the lineage can be matched to its local evidence ({@code tooltrace audit}).
   */
  private static void chainFacet(ObjectMapper m, ObjectNode event, Recording.RunChain chain) {
    if (chain == null) {
      return;
    }
    ObjectNode facets = ((ObjectNode) event.get("run")).putObject("facets");
    ObjectNode f = facet(m, facets, "tooltrace_chain", CHAIN_FACET);
    if (!chain.anchorLink().isEmpty()) {
      f.put("anchor", chain.anchorLink());
      f.put("anchorSeq", chain.anchorSeq());
    }
    f.put("head", chain.headLink());
    f.put("headSeq", chain.headSeq());
  }

  private static ObjectNode facet(ObjectMapper m, ObjectNode facets, String name, String schema) {
    ObjectNode f = facets.putObject(name);
    f.put("_producer", PRODUCER);
    f.put("_schemaURL", schema);
    return f;
  }

  private static ObjectNode dataset(ObjectMapper m, ValueNode v) {
    ObjectNode d = m.createObjectNode();
    d.put("namespace", NAMESPACE);
    d.put("name", ProvIds.valueName(v));
    return d;
  }

  /** The tooltrace run id (32 hex digits) written as a UUID. */
  public static String runUuid(String runId) {
    if (runId.length() != 32) {
      return UUID.nameUUIDFromBytes(runId.getBytes(StandardCharsets.UTF_8)).toString();
    }
    return runId.substring(0, 8)
        + "-"
        + runId.substring(8, 12)
        + "-"
        + runId.substring(12, 16)
        + "-"
        + runId.substring(16, 20)
        + "-"
        + runId.substring(20);
  }

  public static String callUuid(CallRecord c) {
    return UUID.nameUUIDFromBytes((c.runId() + "/" + c.spanId()).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private static String runJobName(ObjectMapper m, RunRecord run) {
    if (run != null) {
      try {
        var env = m.readTree(run.environmentJson());
        for (String key : List.of("service.name", "serviceName", "service")) {
          if (env.hasNonNull(key) && env.get(key).isTextual()) {
            return env.get(key).asText();
          }
        }
      } catch (Exception e) {
        // An unreadable environment only costs the job name.
      }
    }
    return "tooltrace-run";
  }
}
