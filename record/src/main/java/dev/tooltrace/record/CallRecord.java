/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.util.List;
import java.util.Objects;

/**
 * One tracked call as read back from the queue. Ids are lowercase hex as in W3C trace context;
 * {@code parentSpanId} is "" for a root call.
 *
 * <p>Built with {@link #builder()} (fields set by name, so adding a field to the format adds a
 * builder method and breaks no caller); {@link #toBuilder()} derives a changed copy.
 */
public final class CallRecord {
  private final long queueIndex;
  private final String runId;
  private final long threadId;
  private final String threadName;
  private final String traceId;
  private final String spanId;
  private final String parentSpanId;
  private final int toolId;
  private final String tool;
  private final String operation;
  private final String codeNamespace;
  private final String codeFunction;
  private final String descriptor;
  private final long startEpochNanos;
  private final long durationNanos;
  private final boolean error;
  private final int flags;
  private final Double confidence;
  private final List<ValueRecord> args;
  private final ValueRecord result;
  private final ErrorInfo errorInfo;
  private final long chainSeq;
  private final long cpuNanos;
  private final long selfCpuNanos;
  private final long allocatedBytes;
  private final long selfAllocatedBytes;

  private CallRecord(Builder b) {
    this.queueIndex = b.queueIndex;
    this.runId = b.runId;
    this.threadId = b.threadId;
    this.threadName = b.threadName;
    this.traceId = b.traceId;
    this.spanId = b.spanId;
    this.parentSpanId = b.parentSpanId;
    this.toolId = b.toolId;
    this.tool = b.tool;
    this.operation = b.operation;
    this.codeNamespace = b.codeNamespace;
    this.codeFunction = b.codeFunction;
    this.descriptor = b.descriptor;
    this.startEpochNanos = b.startEpochNanos;
    this.durationNanos = b.durationNanos;
    this.error = b.error;
    this.flags = b.flags;
    this.confidence = b.confidence;
    this.args = List.copyOf(b.args);
    this.result = b.result;
    this.errorInfo = b.errorInfo;
    this.chainSeq = b.chainSeq;
    this.cpuNanos = b.cpuNanos;
    this.selfCpuNanos = b.selfCpuNanos;
    this.allocatedBytes = b.allocatedBytes;
    this.selfAllocatedBytes = b.selfAllocatedBytes;
  }

  /** A builder with every field at its default (empty strings, zeros, no values). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's fields, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.queueIndex = queueIndex;
    b.runId = runId;
    b.threadId = threadId;
    b.threadName = threadName;
    b.traceId = traceId;
    b.spanId = spanId;
    b.parentSpanId = parentSpanId;
    b.toolId = toolId;
    b.tool = tool;
    b.operation = operation;
    b.codeNamespace = codeNamespace;
    b.codeFunction = codeFunction;
    b.descriptor = descriptor;
    b.startEpochNanos = startEpochNanos;
    b.durationNanos = durationNanos;
    b.error = error;
    b.flags = flags;
    b.confidence = confidence;
    b.args = args;
    b.result = result;
    b.errorInfo = errorInfo;
    b.chainSeq = chainSeq;
    b.cpuNanos = cpuNanos;
    b.selfCpuNanos = selfCpuNanos;
    b.allocatedBytes = allocatedBytes;
    b.selfAllocatedBytes = selfAllocatedBytes;
    return b;
  }

  /**
   * The chain position ({@link Chain}) of the document the call was read from, or -1 when that
   * document carries no chain link.
   */
  public long chainSeq() {
    return chainSeq;
  }

  /** Whether the call's cost was measured ({@code capture.cost}): the four figures below. */
  public boolean hasCost() {
    return cpuNanos >= 0;
  }

  /** Thread CPU time from entry to exit, nested calls on the thread included; -1: not measured. */
  public long cpuNanos() {
    return cpuNanos;
  }

  /** {@link #cpuNanos} without the nested tracked calls of the same thread; -1: not measured. */
  public long selfCpuNanos() {
    return selfCpuNanos;
  }

  /** Bytes the thread allocated from entry to exit, nested calls included; -1: not measured. */
  public long allocatedBytes() {
    return allocatedBytes;
  }

  /** {@link #allocatedBytes} without the nested tracked calls of the thread; -1: not measured. */
  public long selfAllocatedBytes() {
    return selfAllocatedBytes;
  }

  /** The queue index of the document the call was read from. */
  public long queueIndex() {
    return queueIndex;
  }

  /** The run (one JVM with the agent), 32 hex chars. */
  public String runId() {
    return runId;
  }

  public long threadId() {
    return threadId;
  }

  public String threadName() {
    return threadName;
  }

  /** 32 hex chars. */
  public String traceId() {
    return traceId;
  }

  /** 16 hex chars. */
  public String spanId() {
    return spanId;
  }

  /** 16 hex chars, or "" for a root call. */
  public String parentSpanId() {
    return parentSpanId;
  }

  /** The tool's id in its run (ids are not comparable across runs). */
  public int toolId() {
    return toolId;
  }

  /** The tool's name. */
  public String tool() {
    return tool;
  }

  public String operation() {
    return operation;
  }

  /** The declaring class. */
  public String codeNamespace() {
    return codeNamespace;
  }

  /** The method name. */
  public String codeFunction() {
    return codeFunction;
  }

  /** The method's JVM descriptor. */
  public String descriptor() {
    return descriptor;
  }

  public long startEpochNanos() {
    return startEpochNanos;
  }

  public long durationNanos() {
    return durationNanos;
  }

  /** Whether the call threw (or its future failed). */
  public boolean error() {
    return error;
  }

  /** {@code RecordFormat.FLAG_*} bits. */
  public int flags() {
    return flags;
  }

  /** In [0,1], or null when the tool reported none (or an invalid one). */
  public Double confidence() {
    return confidence;
  }

  public List<ValueRecord> args() {
    return args;
  }

  /** The return value (void for void methods and failed calls). */
  public ValueRecord result() {
    return result;
  }

  /** The exception of a failed call, else null. */
  public ErrorInfo errorInfo() {
    return errorInfo;
  }

  /** The exception a failed call threw. */
  public record ErrorInfo(String type, String message, String stackTrace) {}

  public boolean isRoot() {
    return parentSpanId.isEmpty();
  }

  public long endEpochNanos() {
    return startEpochNanos + durationNanos;
  }

  public boolean hasFlag(int flag) {
    return (flags & flag) != 0;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CallRecord)) {
      return false;
    }
    CallRecord x = (CallRecord) o;
    return queueIndex == x.queueIndex
        && Objects.equals(runId, x.runId)
        && threadId == x.threadId
        && Objects.equals(threadName, x.threadName)
        && Objects.equals(traceId, x.traceId)
        && Objects.equals(spanId, x.spanId)
        && Objects.equals(parentSpanId, x.parentSpanId)
        && toolId == x.toolId
        && Objects.equals(tool, x.tool)
        && Objects.equals(operation, x.operation)
        && Objects.equals(codeNamespace, x.codeNamespace)
        && Objects.equals(codeFunction, x.codeFunction)
        && Objects.equals(descriptor, x.descriptor)
        && startEpochNanos == x.startEpochNanos
        && durationNanos == x.durationNanos
        && error == x.error
        && flags == x.flags
        && Objects.equals(confidence, x.confidence)
        && Objects.equals(args, x.args)
        && Objects.equals(result, x.result)
        && Objects.equals(errorInfo, x.errorInfo)
        && chainSeq == x.chainSeq
        && cpuNanos == x.cpuNanos
        && selfCpuNanos == x.selfCpuNanos
        && allocatedBytes == x.allocatedBytes
        && selfAllocatedBytes == x.selfAllocatedBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        queueIndex,
        runId,
        threadId,
        threadName,
        traceId,
        spanId,
        parentSpanId,
        toolId,
        tool,
        operation,
        codeNamespace,
        codeFunction,
        descriptor,
        startEpochNanos,
        durationNanos,
        error,
        flags,
        confidence,
        args,
        result,
        errorInfo,
        chainSeq,
        cpuNanos,
        allocatedBytes);
  }

  @Override
  public String toString() {
    return "CallRecord["
        + "queueIndex="
        + queueIndex
        + ", runId="
        + runId
        + ", threadId="
        + threadId
        + ", threadName="
        + threadName
        + ", traceId="
        + traceId
        + ", spanId="
        + spanId
        + ", parentSpanId="
        + parentSpanId
        + ", toolId="
        + toolId
        + ", tool="
        + tool
        + ", operation="
        + operation
        + ", codeNamespace="
        + codeNamespace
        + ", codeFunction="
        + codeFunction
        + ", descriptor="
        + descriptor
        + ", startEpochNanos="
        + startEpochNanos
        + ", durationNanos="
        + durationNanos
        + ", error="
        + error
        + ", flags="
        + flags
        + ", confidence="
        + confidence
        + ", args="
        + args
        + ", result="
        + result
        + ", errorInfo="
        + errorInfo
        + ", chainSeq="
        + chainSeq
        + ", cpuNanos="
        + cpuNanos
        + ", selfCpuNanos="
        + selfCpuNanos
        + ", allocatedBytes="
        + allocatedBytes
        + ", selfAllocatedBytes="
        + selfAllocatedBytes
        + "]";
  }

  /** Sets the fields of a {@link CallRecord} by name; {@link #build} makes it. */
  public static final class Builder {
    private long queueIndex;
    private String runId = "";
    private long threadId;
    private String threadName = "";
    private String traceId = "";
    private String spanId = "";
    private String parentSpanId = "";
    private int toolId;
    private String tool = "";
    private String operation = "";
    private String codeNamespace = "";
    private String codeFunction = "";
    private long chainSeq = -1;
    private long cpuNanos = -1;
    private long selfCpuNanos = -1;
    private long allocatedBytes = -1;
    private long selfAllocatedBytes = -1;
    private String descriptor = "";
    private long startEpochNanos;
    private long durationNanos;
    private boolean error;
    private int flags;
    private Double confidence;
    private List<ValueRecord> args = List.of();
    private ValueRecord result;
    private ErrorInfo errorInfo;

    private Builder() {}

    public Builder queueIndex(long queueIndex) {
      this.queueIndex = queueIndex;
      return this;
    }

    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    public Builder threadId(long threadId) {
      this.threadId = threadId;
      return this;
    }

    public Builder threadName(String threadName) {
      this.threadName = threadName;
      return this;
    }

    public Builder traceId(String traceId) {
      this.traceId = traceId;
      return this;
    }

    public Builder spanId(String spanId) {
      this.spanId = spanId;
      return this;
    }

    public Builder parentSpanId(String parentSpanId) {
      this.parentSpanId = parentSpanId;
      return this;
    }

    public Builder toolId(int toolId) {
      this.toolId = toolId;
      return this;
    }

    public Builder tool(String tool) {
      this.tool = tool;
      return this;
    }

    public Builder operation(String operation) {
      this.operation = operation;
      return this;
    }

    public Builder codeNamespace(String codeNamespace) {
      this.codeNamespace = codeNamespace;
      return this;
    }

    public Builder codeFunction(String codeFunction) {
      this.codeFunction = codeFunction;
      return this;
    }

    public Builder descriptor(String descriptor) {
      this.descriptor = descriptor;
      return this;
    }

    public Builder startEpochNanos(long startEpochNanos) {
      this.startEpochNanos = startEpochNanos;
      return this;
    }

    public Builder durationNanos(long durationNanos) {
      this.durationNanos = durationNanos;
      return this;
    }

    public Builder error(boolean error) {
      this.error = error;
      return this;
    }

    public Builder flags(int flags) {
      this.flags = flags;
      return this;
    }

    public Builder confidence(Double confidence) {
      this.confidence = confidence;
      return this;
    }

    public Builder args(List<ValueRecord> args) {
      this.args = args;
      return this;
    }

    public Builder result(ValueRecord result) {
      this.result = result;
      return this;
    }

    public Builder errorInfo(ErrorInfo errorInfo) {
      this.errorInfo = errorInfo;
      return this;
    }

    public Builder chainSeq(long chainSeq) {
      this.chainSeq = chainSeq;
      return this;
    }

    /** The call's cost ({@link RecordFormat#SECTION_COST}); each -1 when not measured. */
    public Builder cost(
        long cpuNanos, long selfCpuNanos, long allocatedBytes, long selfAllocatedBytes) {
      this.cpuNanos = cpuNanos;
      this.selfCpuNanos = selfCpuNanos;
      this.allocatedBytes = allocatedBytes;
      this.selfAllocatedBytes = selfAllocatedBytes;
      return this;
    }

    public CallRecord build() {
      return new CallRecord(this);
    }
  }
}
