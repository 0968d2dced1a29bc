/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.nio.charset.StandardCharsets;

/**
 * Reader side of {@link RecordFormat} for CALLS documents, in place: the same layout, versions,
 * checks and section skipping as {@link DocumentDecoder}, handing out one reused {@link CallView}
 * per call instead of building a {@link CallRecord}. For readers that handle every call of a large
 * queue and only re-encode its fields (the OTLP exporter); everything else reads records.
 *
 * <p>Two readers of one layout must not drift: {@code CallViewDecoderTest} decodes the golden
 * documents of {@code FormatGoldenTest} (every value kind, sections, version 1, corruption) both
 * ways and requires the same calls. A change to the CALLS layout changes both decoders.
 *
 * <p>Reusable and not thread-safe (one per reader). Allocation-free per call once its buffers have
 * grown to the largest call seen, except for the preview of a floating-point value.
 */
public final class CallViewDecoder {
  private static final int MAX_ARGS = 256;
  private static final Utf8Slice RETURN = Utf8Slice.of("return");
  private static final Utf8Slice OBJECT = Utf8Slice.of("java.lang.Object");
  private static final Utf8Slice[] ARG_NAMES = new Utf8Slice[MAX_ARGS];

  static {
    for (int i = 0; i < MAX_ARGS; i++) {
      ARG_NAMES[i] = Utf8Slice.of("arg" + i);
    }
  }

  private final CallView call = new CallView();
  private ToolSlot[] tools = new ToolSlot[8];
  private int toolCount;
  private int lastTool;

  public CallViewDecoder() {
    for (int i = 0; i < tools.length; i++) {
      tools[i] = new ToolSlot();
    }
  }

  /**
   * Decodes the CALLS document at {@code queueIndex} and hands each call to {@code v}; a document
   * of another type is passed over after its header (read those with {@link DocumentDecoder}).
   * Throws {@link CorruptRecordException} and {@link UnsupportedVersionException} as {@link
   * DocumentDecoder#decode} does; calls before a corrupt one have been handed out.
   */
  public void decode(byte[] doc, int len, long queueIndex, CallViewVisitor v) {
    In in = new In(doc, 0, len);
    if (len < 3 || in.u8() != (RecordFormat.MAGIC & 0xFF)) {
      throw new CorruptRecordException("not a tooltrace document at index " + idx(queueIndex));
    }
    int version = in.u8();
    if (version < RecordFormat.MIN_READABLE_VERSION || version > RecordFormat.VERSION) {
      throw new UnsupportedVersionException(version);
    }
    if (in.u8() != RecordFormat.DOC_CALLS) {
      return;
    }
    CallView c = call;
    c.queueIndex = queueIndex;
    int chain = Chain.sectionStart(doc, len);
    c.doc = doc;
    c.chainSeq = chain < 0 ? -1 : Chain.seqAt(doc, len);
    c.chainLinkOffset = chain < 0 ? -1 : Chain.linkOffset(len);
    c.runIdHi = in.i64();
    c.runIdLo = in.i64();
    c.threadId = in.i64();
    ValueView.str(in, doc, c.threadName);
    int count = in.u16();
    toolCount = 0;
    lastTool = 0;
    for (int i = 0; i < count; i++) {
      int callLen = in.i32();
      if (callLen < 0 || callLen > in.remaining()) {
        throw new CorruptRecordException(
            "call " + i + " of document " + idx(queueIndex) + " has bad length " + callLen);
      }
      int end = in.position() + callLen;
      readCall(in, doc, queueIndex);
      if (in.position() > end) {
        throw new CorruptRecordException(
            "call " + i + " of document " + idx(queueIndex) + " overruns its length " + callLen);
      }
      callSections(in, end, i, c);
      v.onCallView(c);
    }
    // The document's own sections, chain section included, checked as DocumentDecoder does.
    DocumentDecoder.documentSections(in, in.position() + in.remaining(), queueIndex);
  }

  private void readCall(In in, byte[] doc, long queueIndex) {
    CallView c = call;
    c.traceIdHi = in.i64();
    c.traceIdLo = in.i64();
    c.spanId = in.i64();
    c.parentSpanId = in.i64();
    int toolKind = in.u8();
    int toolId = in.i32();
    ToolSlot t;
    if (toolKind == RecordFormat.TOOL_INLINE) {
      t = define(toolId);
      t.read(in, doc);
    } else if (toolKind == RecordFormat.TOOL_REF) {
      t = find(toolId);
      if (t == null) {
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
    c.toolId = toolId;
    c.tool.set(t.tool);
    c.operation.set(t.operation);
    c.codeNamespace.set(t.namespace);
    c.codeFunction.set(t.function);
    c.descriptor.set(t.descriptor);
    c.startEpochNanos = in.i64();
    c.durationNanos = in.i64();
    c.error = in.u8() == RecordFormat.OUTCOME_ERROR;
    c.flags = in.u8();
    c.confidence = in.f64();
    int argCount = in.u8();
    c.argCount = argCount;
    for (int a = 0; a < argCount; a++) {
      ValueView v = c.argSlot(a);
      if (a < t.paramCount) {
        v.read(in, doc, t.names[a], t.types[a], t.tags[a]);
      } else {
        v.read(in, doc, ARG_NAMES[a], OBJECT, (char) 0);
      }
    }
    c.result.read(in, doc, RETURN, t.returnType, t.returnTag);
    if (c.error) {
      ValueView.str(in, doc, c.errorType);
      ValueView.str(in, doc, c.errorMessage);
      ValueView.str(in, doc, c.errorStackTrace);
    } else {
      c.errorType.set(doc, 0, 0);
      c.errorMessage.set(doc, 0, 0);
      c.errorStackTrace.set(doc, 0, 0);
    }
  }

  /**
   * The slot for a tool block inlined in this document (a second definition replaces the first).
   */
  private ToolSlot define(int id) {
    ToolSlot t = find(id);
    if (t != null) {
      return t;
    }
    if (toolCount == tools.length) {
      ToolSlot[] more = new ToolSlot[tools.length * 2];
      System.arraycopy(tools, 0, more, 0, tools.length);
      for (int i = tools.length; i < more.length; i++) {
        more[i] = new ToolSlot();
      }
      tools = more;
    }
    t = tools[toolCount++];
    t.id = id;
    return t;
  }

  /** Linear over the tools of one document: few, and the last one found is tried first. */
  private ToolSlot find(int id) {
    if (lastTool < toolCount && tools[lastTool].id == id) {
      return tools[lastTool];
    }
    for (int i = 0; i < toolCount; i++) {
      if (tools[i].id == id) {
        lastTool = i;
        return tools[i];
      }
    }
    return null;
  }

  static final int CALL = 0;
  static final int DOCUMENT = 1;

  /**
   * Skips sections up to {@code end}, with {@link DocumentDecoder}'s checks and messages. Where the
   * sections are ({@code call N}, {@code document 0x...}) is passed as parts and only spelled out
   * when the document is corrupt: a message built per call would cost more than the reading.
   */
  static void sections(In in, int end, int kind, int call, long queueIndex) {
    while (in.position() < end) {
      int tag = in.u8();
      int n = in.varint();
      if (n < 0 || n > end - in.position()) {
        String where = kind == CALL ? "call " + call : "document " + idx(queueIndex);
        throw new CorruptRecordException(
            "section " + tag + " of " + where + " has bad length " + n);
      }
      in.skip(n);
    }
  }

  /**
   * A call's sections, as {@link #sections}; its cost ({@link RecordFormat#SECTION_COST}) is read.
   */
  private static void callSections(In in, int end, int call, CallView c) {
    c.cpuNanos = -1;
    c.selfCpuNanos = -1;
    c.allocatedBytes = -1;
    c.selfAllocatedBytes = -1;
    while (in.position() < end) {
      int tag = in.u8();
      int n = in.varint();
      if (n < 0 || n > end - in.position()) {
        throw new CorruptRecordException(
            "section " + tag + " of call " + call + " has bad length " + n);
      }
      if (tag == RecordFormat.SECTION_COST && n >= 32) {
        int next = in.position() + n;
        c.cpuNanos = in.i64();
        c.selfCpuNanos = in.i64();
        c.allocatedBytes = in.i64();
        c.selfAllocatedBytes = in.i64();
        in.position(next);
      } else {
        in.skip(n);
      }
    }
  }

  /**
   * Value sections: as {@link #sections}, named after the value; the elements section is checked as
   * {@link DocumentDecoder} reads it and left in place for {@code v} ({@link ValueView#elements}).
   */
  static void valueSections(In in, int end, Utf8Slice value, ValueView v) {
    while (in.position() < end) {
      int tag = in.u8();
      int n = in.varint();
      if (n < 0 || n > end - in.position()) {
        throw new CorruptRecordException(
            "section " + tag + " of value " + value + " has bad length " + n);
      }
      int sectionEnd = in.position() + n;
      if (tag == RecordFormat.SECTION_ELEMENTS) {
        int at = in.position();
        long header = ElementsSection.read(in, sectionEnd, value, null);
        v.elementsAt(at, sectionEnd, header);
      }
      in.position(sectionEnd);
    }
  }

  private static String idx(long queueIndex) {
    return "0x" + Long.toHexString(queueIndex);
  }

  /** A tool block as read: slices into the document, valid while the document is. */
  private static final class ToolSlot {
    int id;
    final Utf8Slice tool = new Utf8Slice();
    final Utf8Slice operation = new Utf8Slice();
    final Utf8Slice namespace = new Utf8Slice();
    final Utf8Slice function = new Utf8Slice();
    final Utf8Slice descriptor = new Utf8Slice();
    final Utf8Slice returnType = new Utf8Slice();
    int paramCount;
    Utf8Slice[] names = new Utf8Slice[0];
    Utf8Slice[] types = new Utf8Slice[0];
    char[] tags = new char[0];
    char returnTag;

    void read(In in, byte[] doc) {
      ValueView.str(in, doc, tool);
      ValueView.str(in, doc, operation);
      ValueView.str(in, doc, namespace);
      ValueView.str(in, doc, function);
      ValueView.str(in, doc, descriptor);
      paramCount = in.u8();
      if (names.length < paramCount) {
        names = new Utf8Slice[paramCount];
        types = new Utf8Slice[paramCount];
        tags = new char[paramCount];
        for (int p = 0; p < paramCount; p++) {
          names[p] = new Utf8Slice();
          types[p] = new Utf8Slice();
        }
      }
      for (int p = 0; p < paramCount; p++) {
        ValueView.str(in, doc, names[p]);
        ValueView.str(in, doc, types[p]);
        tags[p] = tagOf(types[p]);
      }
      ValueView.str(in, doc, returnType);
      returnTag = tagOf(returnType);
    }
  }

  private static final String[] PRIMITIVE_NAMES = {
    "boolean", "java.lang.Boolean", "byte", "java.lang.Byte", "short", "java.lang.Short",
    "char", "java.lang.Character", "int", "java.lang.Integer", "long", "java.lang.Long",
    "float", "java.lang.Float", "double", "java.lang.Double"
  };
  private static final byte[][] PRIMITIVE_BYTES = new byte[PRIMITIVE_NAMES.length][];
  private static final char[] PRIMITIVE_TAGS = new char[PRIMITIVE_NAMES.length];

  static {
    for (int i = 0; i < PRIMITIVE_NAMES.length; i++) {
      PRIMITIVE_BYTES[i] = PRIMITIVE_NAMES[i].getBytes(StandardCharsets.UTF_8);
      PRIMITIVE_TAGS[i] = PrimitiveValues.tag(PRIMITIVE_NAMES[i]);
    }
  }

  /** {@link PrimitiveValues#tag} of a type name held as UTF-8, without making a String. */
  static char tagOf(Utf8Slice type) {
    int n = type.length();
    if (n < 3 || n > 19) {
      return 0;
    }
    for (int i = 0; i < PRIMITIVE_BYTES.length; i++) {
      byte[] b = PRIMITIVE_BYTES[i];
      if (type.contentEquals(b, 0, b.length)) {
        return PRIMITIVE_TAGS[i];
      }
    }
    return 0;
  }
}
