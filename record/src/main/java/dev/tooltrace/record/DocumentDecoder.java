/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader side of {@link RecordFormat}: turns one document's bytes into records. Reads every version
 * from {@link RecordFormat#MIN_READABLE_VERSION} to {@link RecordFormat#VERSION}, skips sections
 * and document types it does not know, and throws {@link UnsupportedVersionException} for any other
 * version. Queue readers use it through {@link DocumentReader}.
 *
 * <p>An instance is reusable and not thread-safe (one per reader: it may keep state across
 * documents as the format grows).
 */
public final class DocumentDecoder {
  /** Every document type: the default filter. */
  public static final int ALL_TYPES = -1;

  /** A filter admitting only the given document types ({@code RecordFormat.DOC_*}). */
  public static int only(int... docTypes) {
    int mask = 0;
    for (int t : docTypes) {
      mask |= 1 << t;
    }
    return mask;
  }

  /**
   * The run id every document type carries right after its header, or null when {@code doc} is not
   * a tooltrace document of a readable version.
   */
  public static String runIdOf(byte[] doc, int len) {
    if (len < 19
        || doc[0] != RecordFormat.MAGIC
        || doc[1] < RecordFormat.MIN_READABLE_VERSION
        || doc[1] > RecordFormat.VERSION) {
      return null;
    }
    In in = new In(doc, 3, len - 3);
    return Hex.of(in.i64(), in.i64());
  }

  /** The document type ({@code RecordFormat.DOC_*}) of a tooltrace document, or -1. */
  public static int typeOf(byte[] doc, int len) {
    return len < 3 || doc[0] != RecordFormat.MAGIC ? -1 : doc[2];
  }

  /**
   * Decodes the document at {@code queueIndex} and hands its records to {@code v}. Throws {@link
   * CorruptRecordException} if the bytes do not follow the format, {@link
   * UnsupportedVersionException} if they are of a version this reader does not know.
   */
  public void decode(byte[] doc, int len, long queueIndex, RecordVisitor v) {
    decode(doc, len, queueIndex, v, ALL_TYPES);
  }

  /**
   * Decodes the document if its type is admitted by {@code types} ({@link #only}); other documents
   * are only checked for magic and version.
   */
  public void decode(byte[] doc, int len, long queueIndex, RecordVisitor v, int types) {
    In in = new In(doc, 0, len);
    if (len < 3 || in.u8() != (RecordFormat.MAGIC & 0xFF)) {
      throw new CorruptRecordException("not a tooltrace document at index " + idx(queueIndex));
    }
    int version = in.u8();
    if (version < RecordFormat.MIN_READABLE_VERSION || version > RecordFormat.VERSION) {
      throw new UnsupportedVersionException(version);
    }
    int type = in.u8();
    if (type >= 32 || (types & (1 << type)) == 0) {
      // Not wanted, or a newer writer's document type: readers stay forward compatible.
      return;
    }
    switch (type) {
      case RecordFormat.DOC_CALLS:
        {
          String run = decodeCalls(in, queueIndex, v);
          chained(v, queueIndex, run, documentSections(in, len, queueIndex));
          break;
        }
      case RecordFormat.DOC_RUN:
        {
          String run = Hex.of(in.i64(), in.i64());
          RunRecord r = new RunRecord(queueIndex, run, in.i64(), in.i64(), in.str());
          ChainLink link = documentSections(in, len, queueIndex);
          v.onRun(r);
          chained(v, queueIndex, run, link);
          break;
        }
      case RecordFormat.DOC_RUN_END:
        {
          String run = Hex.of(in.i64(), in.i64());
          RunEndRecord r = new RunEndRecord(queueIndex, run, in.i64(), in.str());
          ChainLink link = documentSections(in, len, queueIndex);
          v.onRunEnd(r);
          chained(v, queueIndex, run, link);
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
          ChainLink link = documentSections(in, len, queueIndex);
          v.onSample(new SampleRecord(queueIndex, run, at, values));
          chained(v, queueIndex, run, link);
          break;
        }
      case RecordFormat.DOC_SEAL:
        {
          SealRecord seal = decodeSeal(in, queueIndex);
          ChainLink link = documentSections(in, len, queueIndex);
          v.onSeal(seal);
          chained(v, queueIndex, seal.runId(), link);
          break;
        }
      default:
        // A newer writer's document type: skip it, readers stay forward compatible.
        break;
    }
  }

  /**
   * Skips the sections from the reader's position up to {@code end}, checking that each lies
   * within. No section tag is assigned yet; a tag this reader knows would be read here into the
   * record being built (see "How the format grows" in {@link RecordFormat}).
   */
  private static void sections(In in, int end, String where) {
    while (in.position() < end) {
      int tag = in.u8();
      int n = in.varint();
      if (n < 0 || n > end - in.position()) {
        throw new CorruptRecordException(
            "section " + tag + " of " + where + " has bad length " + n);
      }
      in.skip(n);
    }
  }

  /**
   * Reads a document's own sections (after its payload, up to {@code end}): the chain section
   * ({@link RecordFormat#SECTION_CHAIN}, which must be the last) is returned, others skipped.
   */
  static ChainLink documentSections(In in, int end, long queueIndex) {
    ChainLink chain = null;
    while (in.position() < end) {
      int start = in.position();
      int tag = in.u8();
      int n = in.varint();
      if (n < 0 || n > end - in.position()) {
        throw new CorruptRecordException(
            "section " + tag + " of document " + idx(queueIndex) + " has bad length " + n);
      }
      if (chain != null) {
        throw new CorruptRecordException(
            "document " + idx(queueIndex) + " has a section after its chain section");
      }
      if (tag == RecordFormat.SECTION_CHAIN) {
        chain = Chain.find(in.array(), in.position() + n);
        if (chain == null || chain.bodyLength() != start) {
          throw new CorruptRecordException(
              "document " + idx(queueIndex) + " has a malformed chain section");
        }
      }
      in.skip(n);
    }
    return chain;
  }

  private static void chained(RecordVisitor v, long queueIndex, String run, ChainLink link) {
    if (link != null) {
      v.onChainLink(queueIndex, run, link);
    }
  }

  private static SealRecord decodeSeal(In in, long queueIndex) {
    int start = 0;
    String run = Hex.of(in.i64(), in.i64());
    long at = in.i64();
    int reason = in.u8();
    long fromSeq = in.i64();
    byte[] fromPrev = in.bytes(Chain.LINK_BYTES);
    long toSeq = in.i64();
    byte[] toLink = in.bytes(Chain.LINK_BYTES);
    String detail = in.str();
    int algorithm = in.u8();
    String keyId = in.str();
    int signedEnd = in.position();
    int n = in.varint();
    if (n < 0 || n > in.remaining()) {
      throw new CorruptRecordException(
          "seal " + idx(queueIndex) + " has a signature of bad length " + n);
    }
    byte[] signature = in.bytes(n);
    byte[] signed = java.util.Arrays.copyOfRange(in.array(), start, signedEnd);
    return new SealRecord(
        queueIndex,
        run,
        at,
        reason,
        fromSeq,
        fromPrev,
        toSeq,
        toLink,
        detail,
        algorithm,
        keyId,
        signature,
        signed);
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

  /**
   * Decodes a CALLS document's calls (its own sections are left to the caller); returns its run.
   */
  private static String decodeCalls(In in, long queueIndex, RecordVisitor v) {
    ChainLink chain = Chain.find(in.array(), in.position() + in.remaining());
    long chainSeq = chain == null ? -1 : chain.seq();
    String run = Hex.of(in.i64(), in.i64());
    long threadId = in.i64();
    String threadName = in.str();
    int count = in.u16();
    Map<Integer, ToolHeader> tools = new HashMap<>();
    for (int i = 0; i < count; i++) {
      int len = in.i32();
      if (len < 0 || len > in.remaining()) {
        throw new CorruptRecordException(
            "call " + i + " of document " + idx(queueIndex) + " has bad length " + len);
      }
      int end = in.position() + len;
      CallRecord.Builder call = decodeCall(in, queueIndex, run, threadId, threadName, tools);
      if (in.position() > end) {
        throw new CorruptRecordException(
            "call " + i + " of document " + idx(queueIndex) + " overruns its length " + len);
      }
      callSections(in, end, i, call);
      v.onCall(call.chainSeq(chainSeq).build());
    }
    return run;
  }

  /** A call's sections up to {@code end}: its cost is read, unknown tags skipped. */
  private static void callSections(In in, int end, int call, CallRecord.Builder b) {
    while (in.position() < end) {
      int tag = in.u8();
      int n = in.varint();
      if (n < 0 || n > end - in.position()) {
        throw new CorruptRecordException(
            "section " + tag + " of call " + call + " has bad length " + n);
      }
      if (tag == RecordFormat.SECTION_COST && n >= 32) {
        int next = in.position() + n;
        b.cost(in.i64(), in.i64(), in.i64(), in.i64());
        in.position(next);
      } else {
        in.skip(n);
      }
    }
  }

  private static CallRecord.Builder decodeCall(
      In in,
      long queueIndex,
      String run,
      long threadId,
      String threadName,
      Map<Integer, ToolHeader> tools) {
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
    return CallRecord.builder()
        .queueIndex(queueIndex)
        .runId(run)
        .threadId(threadId)
        .threadName(threadName)
        .traceId(trace)
        .spanId(span)
        .parentSpanId(parent == 0 ? "" : Hex.of(parent))
        .toolId(toolId)
        .tool(tool)
        .operation(operation)
        .codeNamespace(namespace)
        .codeFunction(function)
        .descriptor(descriptor)
        .startEpochNanos(start)
        .durationNanos(duration)
        .error(error)
        .flags(flags)
        .confidence(Double.isNaN(conf) ? null : conf)
        .args(args)
        .result(result)
        .errorInfo(err);
  }

  private static ValueRecord decodeValue(In in, String name, String declared) {
    int kindByte = in.u8();
    int kind = kindByte & RecordFormat.VALUE_KIND_MASK;
    ValueRecord.Builder v =
        ValueRecord.builder().name(name).declaredType(declared).kind(kind).actualType("");
    switch (kind) {
      case RecordFormat.VALUE_NULL:
        v.hash(nullHash()).preview("null");
        break;
      case RecordFormat.VALUE_VOID:
        break;
      case RecordFormat.VALUE_BOOLEAN:
      case RecordFormat.VALUE_INT:
      case RecordFormat.VALUE_LONG:
        {
          long x = kind == RecordFormat.VALUE_BOOLEAN ? in.u8() : in.i64();
          char tag = PrimitiveValues.tag(declared);
          if (tag == 0) {
            tag = kind == RecordFormat.VALUE_BOOLEAN ? 'Z' : 'J';
          }
          v.actualType(declared)
              .hash(PrimitiveValues.hashIntegral(tag, x))
              .size(1)
              .preview(PrimitiveValues.previewIntegral(tag, x));
          break;
        }
      case RecordFormat.VALUE_DOUBLE:
        {
          double x = in.f64();
          char tag = PrimitiveValues.tag(declared) == 'F' ? 'F' : 'D';
          v.actualType(declared)
              .hash(PrimitiveValues.hashFloating(tag, x))
              .size(1)
              .preview(PrimitiveValues.previewFloating(tag, x));
          break;
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
          v.actualType(actual)
              .hash(hashKind == RecordFormat.HASH_NONE ? null : Hex.of(hi, lo))
              .hashPartial(hashKind == RecordFormat.HASH_PARTIAL)
              .size(size)
              .preview(preview)
              .previewTruncated((vflags & RecordFormat.VFLAG_PREVIEW_TRUNCATED) != 0)
              .producerSpanId(producer == 0 ? null : Hex.of(producer))
              .producerIsElement(
                  producer != 0 && (vflags & RecordFormat.VFLAG_PRODUCER_ELEMENT) != 0)
              .hashSampled(
                  hashKind == RecordFormat.HASH_PARTIAL
                      && (vflags & RecordFormat.VFLAG_HASH_SAMPLED) != 0)
              .capture(capture);
          break;
        }
      case RecordFormat.VALUE_REDACTED:
        v.actualType(in.str()).size(-1).preview("<redacted>");
        break;
      case RecordFormat.VALUE_UNAVAILABLE:
        v.size(-1).preview("<unavailable: " + in.str() + ">");
        break;
      default:
        throw new CorruptRecordException("unknown value kind " + kind + " for " + name);
    }
    if ((kindByte & RecordFormat.VALUE_HAS_SECTIONS) != 0) {
      int n = in.varint();
      if (n < 0 || n > in.remaining()) {
        throw new CorruptRecordException("sections of value " + name + " have bad length " + n);
      }
      valueSections(in, in.position() + n, name, v);
    }
    return v.build();
  }

  /** A value's sections: the elements section is read, others skipped. */
  private static void valueSections(In in, int end, String name, ValueRecord.Builder v) {
    while (in.position() < end) {
      int tag = in.u8();
      int n = in.varint();
      if (n < 0 || n > end - in.position()) {
        throw new CorruptRecordException(
            "section " + tag + " of value " + name + " has bad length " + n);
      }
      int sectionEnd = in.position() + n;
      if (tag == RecordFormat.SECTION_ELEMENTS) {
        readElements(in, sectionEnd, name, v);
      }
      in.position(sectionEnd);
    }
  }

  private static void readElements(In in, int end, String name, ValueRecord.Builder v) {
    List<ElementRef> refs = new ArrayList<>();
    long header = ElementsSection.read(in, end, name, refs);
    int flags = (int) (header & 0xFF);
    v.elements(refs)
        .elementsTruncated((flags & RecordFormat.ELEMENTS_TRUNCATED) != 0)
        .elementsDegraded((flags & RecordFormat.ELEMENTS_DEGRADED) != 0)
        .elementsOmitted(header >>> 8);
  }

  private static final String NULL_HASH = new ContentHasher().putByte('N').finish().hex();

  /** The content hash of null. */
  public static String nullHash() {
    return NULL_HASH;
  }
}
