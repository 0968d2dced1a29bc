/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.util.List;

/**
 * The pre-encoded description of one tool (a tracked method), built once when the method is woven
 * and copied verbatim into every call record of that tool: the hot path writes the tool's name,
 * code location and parameter types with one array copy.
 */
public final class ToolBlock {
  public final int toolId;
  public final String name;
  public final String operation;
  public final String namespace;
  public final String function;
  public final String descriptor;
  public final List<String> paramNames;
  public final List<String> paramTypes;
  public final String returnType;
  private final byte[] encoded;

  public ToolBlock(
      int toolId,
      String name,
      String operation,
      String namespace,
      String function,
      String descriptor,
      List<String> paramNames,
      List<String> paramTypes,
      String returnType) {
    if (paramNames.size() != paramTypes.size() || paramTypes.size() > 255) {
      throw new IllegalArgumentException("bad parameter lists for " + namespace + "#" + function);
    }
    this.toolId = toolId;
    this.name = name;
    this.operation = operation;
    this.namespace = namespace;
    this.function = function;
    this.descriptor = descriptor;
    this.paramNames = List.copyOf(paramNames);
    this.paramTypes = List.copyOf(paramTypes);
    this.returnType = returnType;
    Buf b = new Buf(128);
    b.i32(toolId).str(name).str(operation).str(namespace).str(function).str(descriptor);
    b.u8(paramTypes.size());
    for (int i = 0; i < paramTypes.size(); i++) {
      b.str(paramNames.get(i)).str(paramTypes.get(i));
    }
    b.str(returnType);
    this.encoded = b.toByteArray();
  }

  void writeTo(Buf buf) {
    buf.bytes(encoded);
  }

  public int paramCount() {
    return paramTypes.size();
  }
}
