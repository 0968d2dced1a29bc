/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reader side of {@link RecordFormat}: turns one document's bytes into records. */
public final class DocumentDecoder {
  private DocumentDecoder() {}

  /**
   * Decodes the document at {@code queueIndex} and hands its records to {@code v}. Throws {@link
   * CorruptRecordException} if the bytes do not follow the format.
   */
  public static void decode(byte[] doc, int len, long queueIndex, RecordVisitor v) {
    In in = new In(doc, 0, len);
    if (len < 3 || in.u8() != (RecordFormat.MAGIC & 0xFF)) {
      throw new CorruptRecordException("not a tooltrace document at index " + idx(queueIndex));
    }
    int version = in.u8();
    if (version != RecordFormat.VERSION) {
      throw new CorruptRecordException(
          "unsupported record format version "
              + version
              + " at index "
              + idx(queueIndex)
              + " (this reader knows version "
              + RecordFormat.VERSION
              + ")");
    }
    int type = in.u8();
    switch (type) {
      case RecordFormat.DOC_CALLS:
        decodeCalls(in, queueIndex, v);
        break;
      case RecordFormat.DOC_RUN:
        {
          String run = Hex.of(in.i64(), in.i64());
          v.onRun(new RunRecord(queueIndex, run, in.i64(), in.i64(), in.str()));
          break;
        }
      case RecordFormat.DOC_RUN_END:
        {
          String run = Hex.of(in.i64(), in.i64());
          v.onRunEnd(new RunEndRecord(queueIndex, run, in.i64(), in.str()));
          break;
        }
      case RecordFormat.DOC_SAMPLE:
        {
          String run = Hex.of(in.i64(), in.i64());
          long at = in.i64();
          int n = in.u8();
          Map<String, Double> values = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) {
            values.put(in.str(), in.f64());
          }
          v.onSample(new SampleRecord(queueIndex, run, at, values));
          break;
        }
      default:
        // A newer writer's document type: skip it, readers stay forward compatible.
        break;
    }
  }

  private static String idx(long queueIndex) {
    return "0x" + Long.toHexString(queueIndex);
  }

  /** A tool block as decoded; later calls of the same document may refer to it by id. */
  private record ToolHeader(
      String tool,
      String operation,
      String namespace,
      String function,
      String descriptor,
      String[] names,
      String[] types,
      String returnType) {}

  private static ToolHeader readTool(In in) {
    String tool = in.str();
    String operation = in.str();
    String namespace = in.str();
    String function = in.str();
    String descriptor = in.str();
    int paramCount = in.u8();
    String[] names = new String[paramCount];
    String[] types = new String[paramCount];
    for (int p = 0; p < paramCount; p++) {
      names[p] = in.str();
      types[p] = in.str();
    }
    return new ToolHeader(tool, operation, namespace, function, descriptor, names, types, in.str());
  }

  private static void decodeCalls(In in, long queueIndex, RecordVisitor v) {
    String run = Hex.of(in.i64(), in.i64());
    long threadId = in.i64();
    String threadName = in.str();
    int count = in.u16();
    java.util.Map<Integer, ToolHeader> tools = new java.util.HashMap<>();
    for (int i = 0; i < count; i++) {
      int len = in.i32();
      int end = in.position() + len;
      if (len < 0 || len > in.remaining()) {
        throw new CorruptRecordException(
            "call " + i + " of document " + idx(queueIndex) + " has bad length " + len);
      }
      v.onCall(decodeCall(in, queueIndex, run, threadId, threadName, tools));
      in.position(end);
    }
  }

  private static CallRecord decodeCall(
      In in,
      long queueIndex,
      String run,
      long threadId,
      String threadName,
      java.util.Map<Integer, ToolHeader> tools) {
    String trace = Hex.of(in.i64(), in.i64());
    String span = Hex.of(in.i64());
    long parent = in.i64();
    int toolKind = in.u8();
    int toolId = in.i32();
    ToolHeader th;
    if (toolKind == RecordFormat.TOOL_INLINE) {
      th = readTool(in);
      tools.put(toolId, th);
    } else if (toolKind == RecordFormat.TOOL_REF) {
      th = tools.get(toolId);
      if (th == null) {
        throw new CorruptRecordException(
            "call refers to tool "
                + toolId
                + " not described"
                + " earlier in document "
                + idx(queueIndex));
      }
    } else {
      throw new CorruptRecordException(
          "bad tool marker " + toolKind + " in document " + idx(queueIndex));
    }
    String tool = th.tool();
    String operation = th.operation();
    String namespace = th.namespace();
    String function = th.function();
    String descriptor = th.descriptor();
    int paramCount = th.names().length;
    String[] names = th.names();
    String[] types = th.types();
    String returnType = th.returnType();
    long start = in.i64();
    long duration = in.i64();
    boolean error = in.u8() == RecordFormat.OUTCOME_ERROR;
    int flags = in.u8();
    double conf = in.f64();
    int argCount = in.u8();
    List<ValueRecord> args = new ArrayList<>(argCount);
    for (int a = 0; a < argCount; a++) {
      String type = a < paramCount ? types[a] : "java.lang.Object";
      String name = a < paramCount ? names[a] : "arg" + a;
      args.add(decodeValue(in, name, type));
    }
    ValueRecord result = decodeValue(in, "return", returnType);
    CallRecord.ErrorInfo err = null;
    if (error) {
      err = new CallRecord.ErrorInfo(in.str(), in.str(), in.str());
    }
    return new CallRecord(
        queueIndex,
        run,
        threadId,
        threadName,
        trace,
        span,
        parent == 0 ? "" : Hex.of(parent),
        toolId,
        tool,
        operation,
        namespace,
        function,
        descriptor,
        start,
        duration,
        error,
        flags,
        Double.isNaN(conf) ? null : conf,
        List.copyOf(args),
        result,
        err);
  }

  private static ValueRecord decodeValue(In in, String name, String declared) {
    int kind = in.u8();
    switch (kind) {
      case RecordFormat.VALUE_NULL:
        return new ValueRecord(
            name, declared, kind, "", nullHash(), false, 0, "null", false, null, null);
      case RecordFormat.VALUE_VOID:
        return new ValueRecord(name, declared, kind, "", null, false, 0, "", false, null, null);
      case RecordFormat.VALUE_BOOLEAN:
      case RecordFormat.VALUE_INT:
      case RecordFormat.VALUE_LONG:
        {
          long v = kind == RecordFormat.VALUE_BOOLEAN ? in.u8() : in.i64();
          char tag = PrimitiveValues.tag(declared);
          if (tag == 0) {
            tag = kind == RecordFormat.VALUE_BOOLEAN ? 'Z' : 'J';
          }
          return new ValueRecord(
              name,
              declared,
              kind,
              declared,
              PrimitiveValues.hashIntegral(tag, v),
              false,
              1,
              PrimitiveValues.previewIntegral(tag, v),
              false,
              null,
              null);
        }
      case RecordFormat.VALUE_DOUBLE:
        {
          double v = in.f64();
          char tag = PrimitiveValues.tag(declared) == 'F' ? 'F' : 'D';
          return new ValueRecord(
              name,
              declared,
              kind,
              declared,
              PrimitiveValues.hashFloating(tag, v),
              false,
              1,
              PrimitiveValues.previewFloating(tag, v),
              false,
              null,
              null);
        }
      case RecordFormat.VALUE_OBJECT:
        {
          String actual = in.str();
          int hashKind = in.u8();
          long hi = in.i64();
          long lo = in.i64();
          long size = in.i64();
          int vflags = in.u8();
          String preview = in.str();
          long producer = in.i64();
          String capture = (vflags & RecordFormat.VFLAG_CAPTURED) != 0 ? in.str() : null;
          return new ValueRecord(
              name,
              declared,
              kind,
              actual,
              hashKind == RecordFormat.HASH_NONE ? null : Hex.of(hi, lo),
              hashKind == RecordFormat.HASH_PARTIAL,
              size,
              preview,
              (vflags & RecordFormat.VFLAG_PREVIEW_TRUNCATED) != 0,
              producer == 0 ? null : Hex.of(producer),
              capture);
        }
      case RecordFormat.VALUE_REDACTED:
        return new ValueRecord(
            name, declared, kind, in.str(), null, false, -1, "<redacted>", false, null, null);
      case RecordFormat.VALUE_UNAVAILABLE:
        {
          String reason = in.str();
          return new ValueRecord(
              name,
              declared,
              kind,
              "",
              null,
              false,
              -1,
              "<unavailable: " + reason + ">",
              false,
              null,
              null);
        }
      default:
        throw new CorruptRecordException("unknown value kind " + kind + " for " + name);
    }
  }

  private static final String NULL_HASH = new ContentHasher().putByte('N').finish().hex();

  /** The content hash of null. */
  public static String nullHash() {
    return NULL_HASH;
  }
}
