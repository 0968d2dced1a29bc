/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.analysis.GraphQuery;
import dev.tooltrace.cli.analysis.ProvenanceGraph;
import dev.tooltrace.cli.analysis.ProvenanceGraphBuilder;
import dev.tooltrace.cli.analysis.Recording;
import dev.tooltrace.cli.analysis.Subgraph;
import dev.tooltrace.cli.render.GraphDot;
import dev.tooltrace.cli.render.GraphJson;
import dev.tooltrace.cli.render.GraphText;
import dev.tooltrace.cli.render.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What {@code lineage} and {@code impact} share: the target, the graph, the output formats. */
abstract class GraphQueryCommand implements Callable<Integer> {
  /** The linking rules, printed under both commands' help. */
  static final String RULES =
      "%nHow inputs are linked to the calls that produced them (per run, across threads):%n"
          + "  1. identity: the agent saw the very same object returned by an earlier call;%n"
          + "  2. content hash: the call of the run that most recently ended before the consumer"
          + " started and returned a value with the same hash;%n"
          + "  3. otherwise the value is an external input of the run.%n"
          + "Never linked by hash, to avoid spurious edges: null, booleans, numbers and other"
          + " primitives or boxed primitives, empty strings/collections/arrays. Boxed numbers"
          + " are linked by identity only, outside the JDK's shared cache (-128..127); booleans"
          + " never.%n"
          + "Effective confidence = min(the call's own confidence, 1.0 if none; the effective"
          + " confidence of every input). External inputs have 1.0.%n"
          + "See docs/provenance.md.";

  enum Format {
    tree,
    json,
    dot
  }

  @Spec CommandSpec spec;
  @Mixin QueueOptions queue;

  @Parameters(
      index = "0",
      paramLabel = "SPAN_ID|VALUE_HASH",
      description =
          "A call's span id (16 hex digits, as show prints it) or a value's content hash (32 hex"
              + " digits): every value with that hash.")
  String target;

  @Mixin RunOption run;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "tree (default), json (same as --json) or dot (Graphviz).")
  Format format = Format.tree;

  @Mixin JsonOption json;

  abstract Subgraph query(GraphQuery q, List<String> start);

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Recording rec = QueueLoader.load(queue.dir(), spec.commandLine().getErr());
    String id = run.resolveOrAll(RunCatalog.of(rec));
    if (id != null) {
      rec = rec.filter(c -> c.runId().equals(id));
    }
    ProvenanceGraph g = ProvenanceGraphBuilder.build(rec);
    GraphQuery q = new GraphQuery(g);
    List<String> start;
    try {
      start = q.resolve(target);
    } catch (IllegalArgumentException e) {
      throw CliException.noData(e.getMessage());
    }
    Subgraph s = query(q, start);
    switch (json.json() ? Format.json : format) {
      case json:
        out.println(Json.pretty(GraphJson.of(g, s, target)));
        break;
      case dot:
        GraphDot.print(g, s, out);
        break;
      default:
        GraphText.print(g, s, out);
        break;
    }
    out.flush();
    return ExitCodes.OK;
  }
}
