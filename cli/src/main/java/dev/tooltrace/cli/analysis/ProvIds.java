/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import dev.tooltrace.cli.analysis.ProvenanceGraph.ValueNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Names of values and tools in the exported provenance (PROV-JSON local names, OpenLineage dataset
 * names). A value is named by its content hash: an external input by the hash alone (the same input
 * anywhere is the same entity), a generated value by hash and generating span (equal content made
 * twice is two generations), a hash-less value by its span and slot.
 */
public final class ProvIds {
  private ProvIds() {}

  public static String valueName(ValueNode v) {
    String id = v.id();
    if (id.startsWith("out:")) {
      String span = id.substring(4);
      return v.hash() != null ? v.hash() + "." + span : span + ".return";
    }
    if (id.startsWith("in:")) {
      return v.hash();
    }
    // arg:SPAN:INDEX
    String[] p = id.split(":");
    return p[1] + ".arg" + p[2];
  }

  /** A tool name made safe for the local part of a qualified name (percent-encoded). */
  public static String toolName(String tool) {
    return URLEncoder.encode(tool, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
