/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.repro;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tooltrace.cli.render.Fmt;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.record.ValueRecord;
import java.io.PrintWriter;
import java.util.List;

/**
 * Renders a run diff as text or JSON. Only hashes, types, names and ids are printed — never
 * previews — so the report cannot leak a value the record itself keeps bounded or redacted.
 */
public final class DiffReport {
  private DiffReport() {}

  public static void text(
      RunInfo a, RunInfo b, EnvironmentDiff env, OutputDiff outputs, PrintWriter out) {
    out.println("run A: " + label(a));
    out.println("run B: " + label(b));
    out.println();
    out.println("environment:");
    if (env.changes().isEmpty()) {
      out.println("  no differences");
    }
    for (EnvironmentDiff.Change c : env.changes()) {
      if (c.section().equals("jar")) {
        String what = c.a() == null ? "added" : c.b() == null ? "removed" : "changed";
        out.println(
            "  jar "
                + what
                + ": "
                + c.key()
                + (what.equals("changed")
                    ? " (sha256 " + shortHash(c.a()) + " -> " + shortHash(c.b()) + ")"
                    : ""));
      } else {
        out.println("  " + c.section() + " " + c.key() + ": " + show(c.a()) + " -> " + show(c.b()));
      }
    }
    out.println();
    out.println("outputs by tool:");
    out.printf(
        "  %-28s %6s %6s %6s %9s %9s %7s %7s%n",
        "TOOL", "A", "B", "SAME", "DIFFERENT", "UNCOMPARED", "ONLY-A", "ONLY-B");
    for (OutputDiff.ToolDiff t : outputs.tools()) {
      out.printf(
          "  %-28s %6d %6d %6d %9d %9d %7d %7d%n",
          Fmt.shorten(t.tool, 28),
          t.callsA,
          t.callsB,
          t.same,
          t.different,
          t.notComparable,
          t.onlyA,
          t.onlyB);
    }
    out.println();
    OutputDiff.Pair p = outputs.firstDifferent();
    if (p == null) {
      out.println(
          outputs.outputsDiffer()
              ? "no call with equal inputs has a different output (calls differ in their inputs)"
              : "outputs are identical");
    } else {
      out.println("first call whose output differs although its inputs are equal:");
      out.println("  tool:     " + p.b().tool());
      out.println("  span A:   " + p.a().spanId() + "  (trace " + p.a().traceId() + ")");
      out.println("  span B:   " + p.b().spanId() + "  (trace " + p.b().traceId() + ")");
      for (ValueRecord v : p.b().args()) {
        out.println("  input " + v.name() + ": " + CallSignature.value(v));
      }
      out.println("  output A: " + p.outputA());
      out.println("  output B: " + p.outputB());
    }
  }

  public static ObjectNode json(RunInfo a, RunInfo b, EnvironmentDiff env, OutputDiff outputs) {
    ObjectNode root = Json.object();
    root.set("runA", run(a));
    root.set("runB", run(b));
    ArrayNode envArr = root.putArray("environment");
    for (EnvironmentDiff.Change c : env.changes()) {
      ObjectNode o = envArr.addObject();
      o.put("section", c.section());
      o.put("key", c.key());
      o.put("a", c.a());
      o.put("b", c.b());
    }
    ArrayNode tools = root.putArray("tools");
    for (OutputDiff.ToolDiff t : outputs.tools()) {
      ObjectNode o = tools.addObject();
      o.put("tool", t.tool);
      o.put("callsA", t.callsA);
      o.put("callsB", t.callsB);
      o.put("same", t.same);
      o.put("different", t.different);
      o.put("notComparable", t.notComparable);
      o.put("onlyA", t.onlyA);
      o.put("onlyB", t.onlyB);
      if (t.firstDifferent != null) {
        o.set("firstDifferent", pair(t.firstDifferent));
      }
    }
    root.put("outputsDiffer", outputs.outputsDiffer());
    OutputDiff.Pair p = outputs.firstDifferent();
    if (p == null) {
      root.putNull("firstDifferent");
    } else {
      root.set("firstDifferent", pair(p));
    }
    return root;
  }

  private static ObjectNode run(RunInfo r) {
    ObjectNode o = Json.object();
    o.put("id", r.id());
    o.put("name", r.name());
    o.put("start", Fmt.time(r.startEpochNanos()));
    o.put("calls", r.calls().size());
    o.put("gitCommit", r.gitCommit());
    return o;
  }

  private static ObjectNode pair(OutputDiff.Pair p) {
    ObjectNode o = Json.object();
    o.put("tool", p.b().tool());
    o.put("spanA", p.a().spanId());
    o.put("spanB", p.b().spanId());
    o.put("traceA", p.a().traceId());
    o.put("traceB", p.b().traceId());
    ArrayNode in = o.putArray("inputs");
    List<ValueRecord> args = p.b().args();
    for (ValueRecord v : args) {
      ObjectNode i = in.addObject();
      i.put("name", v.name());
      i.put("type", v.actualType().isEmpty() ? v.declaredType() : v.actualType());
      i.put("hash", CallSignature.value(v));
    }
    o.put("outputA", p.outputA());
    o.put("outputB", p.outputB());
    return o;
  }

  private static String label(RunInfo r) {
    return r.id()
        + (r.name().isEmpty() ? "" : " '" + r.name() + "'")
        + ", started "
        + Fmt.time(r.startEpochNanos())
        + ", "
        + r.calls().size()
        + " calls"
        + (r.gitCommit().isEmpty() ? "" : ", commit " + r.gitCommit());
  }

  private static String shortHash(String h) {
    return h == null ? "-" : h.substring(0, Math.min(12, h.length()));
  }

  private static String show(String s) {
    return s == null ? "(absent)" : Fmt.shorten(s, 200);
  }
}
