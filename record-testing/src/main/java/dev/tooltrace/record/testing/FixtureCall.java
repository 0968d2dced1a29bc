/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record.testing;

import dev.tooltrace.record.ToolBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * One tracked call for a fixture batch ({@link RunFixture#calls}): ids, timing, the tool, its
 * arguments, result or error. The tool is either a given {@link ToolBlock} or derived from the
 * tool's name and the arguments' names and declared types (then calls with the same derived block
 * share one tool id, as the agent's calls of one method do).
 */
public final class FixtureCall {
  final ToolBlock block;
  final String tool;
  String operation;
  String namespace = "example.Pipeline";
  String function;
  String descriptor = "(...)";
  long traceHi = 0xAAAA_0000_0000_0001L;
  long traceLo = 0xBBBB_0000_0000_0001L;
  long spanId = 1;
  long parentSpanId;
  long startEpochNanos;
  long durationNanos;
  int flags;
  double confidence = Double.NaN;
  long[] cost;
  final List<String> argNames = new ArrayList<>();
  final List<FixtureValue> args = new ArrayList<>();
  FixtureValue result = FixtureValue.voidValue();
  String errorType;
  String errorMessage;
  String stackTrace;

  private FixtureCall(ToolBlock block, String tool) {
    this.block = block;
    this.tool = tool;
    this.operation = tool;
    this.function = tool;
  }

  /** A call of the tool {@code block} describes (its arguments are given without names). */
  public static FixtureCall of(ToolBlock block) {
    return new FixtureCall(block, block.name);
  }

  /**
   * A call of a tool named {@code tool} whose block is derived: operation and function default to
   * the name, the namespace to {@code example.Pipeline}.
   */
  public static FixtureCall of(String tool) {
    return new FixtureCall(null, tool);
  }

  public FixtureCall trace(long hi, long lo) {
    this.traceHi = hi;
    this.traceLo = lo;
    return this;
  }

  public FixtureCall span(long id) {
    this.spanId = id;
    return this;
  }

  /** The parent span (0: a root call). */
  public FixtureCall parent(long id) {
    this.parentSpanId = id;
    return this;
  }

  public FixtureCall start(long epochNanos) {
    this.startEpochNanos = epochNanos;
    return this;
  }

  public FixtureCall duration(long nanos) {
    this.durationNanos = nanos;
    return this;
  }

  /** {@code RecordFormat.FLAG_*} bits. */
  public FixtureCall flags(int flags) {
    this.flags = flags;
    return this;
  }

  /**
   * The call's measured cost ({@code capture.cost}): thread CPU and allocated bytes, nested calls
   * included and without them.
   */
  public FixtureCall cost(
      long cpuNanos, long selfCpuNanos, long allocatedBytes, long selfAllocatedBytes) {
    this.cost = new long[] {cpuNanos, selfCpuNanos, allocatedBytes, selfAllocatedBytes};
    return this;
  }

  /** The tool's reported confidence (NaN: none). */
  public FixtureCall confidence(double c) {
    this.confidence = c;
    return this;
  }

  public FixtureCall operation(String operation) {
    this.operation = operation;
    return this;
  }

  /** The declaring class and method of a derived tool block. */
  public FixtureCall code(String namespace, String function, String descriptor) {
    this.namespace = namespace;
    this.function = function;
    this.descriptor = descriptor;
    return this;
  }

  /** The next argument, named (the name goes into a derived block). */
  public FixtureCall arg(String name, FixtureValue v) {
    argNames.add(name);
    args.add(v);
    return this;
  }

  /** The next argument of a call with a given block (named by the block). */
  public FixtureCall arg(FixtureValue v) {
    return arg("arg" + args.size(), v);
  }

  public FixtureCall returns(FixtureValue v) {
    this.result = v;
    return this;
  }

  /** The call threw: its result is void and its error is recorded. */
  public FixtureCall fails(String type, String message, String stackTrace) {
    this.errorType = type;
    this.errorMessage = message;
    this.stackTrace = stackTrace;
    return this;
  }

  /** Like {@link #fails(String, String, String)} with a one-frame stack trace. */
  public FixtureCall fails(String type, String message) {
    return fails(type, message, "at " + namespace + "." + function + "(Pipeline.java)");
  }

  public long spanId() {
    return spanId;
  }

  boolean failed() {
    return errorType != null;
  }

  /** The tool block of a derived call with id {@code toolId}. */
  ToolBlock derive(int toolId) {
    List<String> types = new ArrayList<>();
    for (FixtureValue v : args) {
      types.add(v.declaredType());
    }
    return new ToolBlock(
        toolId,
        tool,
        operation,
        namespace,
        function,
        descriptor,
        argNames,
        types,
        result.declaredType());
  }

  /** What makes two derived blocks the same tool (everything but the id). */
  String signature() {
    ToolBlock b = derive(0);
    return String.join(
        "\u0000",
        b.name,
        b.operation,
        b.namespace,
        b.function,
        b.descriptor,
        String.valueOf(b.paramNames),
        String.valueOf(b.paramTypes),
        b.returnType);
  }
}
