/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tooltrace.cli.analysis.OpenLineageBuilder;
import dev.tooltrace.cli.analysis.ProvJsonBuilder;
import dev.tooltrace.cli.analysis.ProvenanceGraph;
import dev.tooltrace.cli.analysis.ProvenanceGraphBuilder;
import dev.tooltrace.cli.analysis.Recording;
import dev.tooltrace.cli.render.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code prov}: a run's provenance as W3C PROV-JSON or OpenLineage run events. */
@Command(
    name = "prov",
    description = {
      "Export one run's provenance (--run may be left out when the queue holds one run).",
      "prov-json: one W3C PROV-JSON document; activities = calls, entities = values (by content"
          + " hash), agents = tools acting for the run; used, wasGeneratedBy, wasDerivedFrom,"
          + " wasInformedBy, wasAssociatedWith, wasStartedBy (nesting), actedOnBehalfOf.",
      "openlineage: OpenLineage run events, one JSON object per line: START/COMPLETE for the"
          + " run, START and COMPLETE or FAIL for every call (a run of job TOOL whose parent is"
          + " the enclosing call), values as datasets in namespace 'tooltrace'."
    },
    footer = "%nSee docs/provenance.md.")
final class ProvCommand implements Callable<Integer> {
  enum Format {
    prov_json,
    openlineage
  }

  @Spec CommandSpec spec;
  @Mixin QueueOptions queue;

  @Mixin RunOption run;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description = "prov-json (default) or openlineage.")
  Format format = Format.prov_json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Recording rec = QueueLoader.load(queue.dir(), spec.commandLine().getErr());
    String id = run.resolveOrOnly(RunCatalog.of(rec));
    ProvenanceGraph g = ProvenanceGraphBuilder.build(rec.filter(c -> c.runId().equals(id)));
    if (format == Format.openlineage) {
      for (ObjectNode e : OpenLineageBuilder.build(g, rec, id)) {
        out.println(Json.compact(e));
      }
    } else {
      out.println(Json.pretty(ProvJsonBuilder.build(g, rec, id)));
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** Accepts the documented spellings "prov-json" and "openlineage". */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      switch (value) {
        case "prov-json":
        case "provjson":
          return Format.prov_json;
        case "openlineage":
          return Format.openlineage;
        default:
          throw new picocli.CommandLine.TypeConversionException(
              "'" + value + "' is not a format: use prov-json or openlineage");
      }
    }
  }
}
