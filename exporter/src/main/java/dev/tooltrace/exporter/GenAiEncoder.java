/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import dev.tooltrace.record.CallView;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.Utf8Slice;
import dev.tooltrace.record.ValueView;
import java.nio.charset.StandardCharsets;

/**
 * The GenAI tool-call attributes of {@link GenAiToolCalls}, written straight from a {@link
 * CallView} into protobuf: {@code gen_ai.operation.name}, {@code gen_ai.tool.name}, {@code
 * gen_ai.tool.call.id}, {@code gen_ai.tool.type}, {@code error.type} and the JSON of {@code
 * gen_ai.tool.call.arguments} and {@code gen_ai.tool.call.result}, built as UTF-8 bytes with {@link
 * dev.tooltrace.record.Json}'s escaping. {@code LeanEncodingTest} holds the output equal to the SDK
 * path through {@link GenAiToolCalls}. Not thread-safe (its JSON buffer is reused).
 */
final class GenAiEncoder {
  static final byte[] SPAN_NAME_PREFIX = utf8(GenAiToolCalls.EXECUTE_TOOL + " ");

  private static final KeyValues.Key OPERATION_NAME =
      KeyValues.Key.of(GenAiToolCalls.OPERATION_NAME);
  private static final KeyValues.Key TOOL_NAME = KeyValues.Key.of(GenAiToolCalls.TOOL_NAME);
  private static final KeyValues.Key TOOL_CALL_ID = KeyValues.Key.of(GenAiToolCalls.TOOL_CALL_ID);
  private static final KeyValues.Key TOOL_TYPE = KeyValues.Key.of(GenAiToolCalls.TOOL_TYPE);
  private static final KeyValues.Key ARGUMENTS = KeyValues.Key.of(GenAiToolCalls.ARGUMENTS);
  private static final KeyValues.Key RESULT = KeyValues.Key.of(GenAiToolCalls.RESULT);
  private static final KeyValues.Key ERROR_TYPE = KeyValues.Key.of(GenAiToolCalls.ERROR_TYPE);
  private static final byte[] EXECUTE_TOOL = utf8(GenAiToolCalls.EXECUTE_TOOL);
  private static final byte[] FUNCTION = utf8(GenAiToolCalls.FUNCTION);
  private static final byte[] OTHER = utf8("_OTHER");
  private static final byte[] TRUE = utf8("true");
  private static final byte[] FALSE = utf8("false");
  private static final byte[] NULL = utf8("null");

  private final ProtoWriter json = new ProtoWriter(1024);

  /** The span name: {@code execute_tool TOOL}, as a string field. */
  static void spanName(ProtoWriter w, int field, Utf8Slice tool) {
    w.varint(ProtoWriter.tag(field, ProtoWriter.LEN));
    w.varint(SPAN_NAME_PREFIX.length + tool.length());
    w.raw(SPAN_NAME_PREFIX);
    w.raw(tool.array(), tool.offset(), tool.length());
  }

  /** Writes the GenAI attributes of {@code c} as fields {@code field} of the span. */
  void attributes(ProtoWriter w, int field, CallView c) {
    KeyValues.string(w, field, OPERATION_NAME, EXECUTE_TOOL);
    KeyValues.string(w, field, TOOL_NAME, c.tool());
    KeyValues.hex(w, field, TOOL_CALL_ID, c.spanId());
    KeyValues.string(w, field, TOOL_TYPE, FUNCTION);
    if (c.error()) {
      KeyValues.string(
          w, field, ERROR_TYPE, c.errorType().isEmpty() ? OTHER : bytes(c.errorType()));
    }
    json.clear();
    json.rawByte('{');
    int shown = 0;
    for (int i = 0; i < c.argCount(); i++) {
      ValueView v = c.arg(i);
      if (leftOut(v)) {
        continue;
      }
      if (shown++ > 0) {
        json.rawByte(',');
      }
      string(json, v.name());
      json.rawByte(':');
      value(json, v);
    }
    json.rawByte('}');
    if (shown > 0 || c.argCount() == 0) {
      KeyValues.string(w, field, ARGUMENTS, json.array(), 0, json.length());
    }
    ValueView r = c.result();
    if (!c.error() && !r.isVoid() && !leftOut(r)) {
      json.clear();
      value(json, r);
      KeyValues.string(w, field, RESULT, json.array(), 0, json.length());
    }
  }

  private static byte[] bytes(Utf8Slice s) {
    return java.util.Arrays.copyOfRange(s.array(), s.offset(), s.offset() + s.length());
  }

  /** Values GenAI never shows: redacted, unavailable, void, and a preview cut to nothing. */
  private static boolean leftOut(ValueView v) {
    switch (v.kind()) {
      case RecordFormat.VALUE_REDACTED:
      case RecordFormat.VALUE_UNAVAILABLE:
      case RecordFormat.VALUE_VOID:
        return true;
      case RecordFormat.VALUE_OBJECT:
        return v.preview().isEmpty() && v.previewTruncated();
      default:
        return false;
    }
  }

  /** A value as JSON, as {@link GenAiToolCalls}' {@code jsonValue} and {@code Json.write}. */
  private static void value(ProtoWriter j, ValueView v) {
    switch (v.kind()) {
      case RecordFormat.VALUE_NULL:
        j.raw(NULL);
        return;
      case RecordFormat.VALUE_BOOLEAN:
        j.raw(isTrue(v.preview()) ? TRUE : FALSE);
        return;
      case RecordFormat.VALUE_INT:
      case RecordFormat.VALUE_LONG:
        {
          char tag = v.primitiveTag();
          if (tag == 'C') {
            charString(j, (char) v.longValue());
          } else if (tag == 'Z') {
            j.raw(isTrue(v.preview()) ? TRUE : FALSE);
          } else {
            Utf8Slice p = v.preview(); // Long.toString: already a JSON number
            j.raw(p.array(), p.offset(), p.length());
          }
          return;
        }
      case RecordFormat.VALUE_DOUBLE:
        {
          String p = v.preview().toString();
          double d = Double.parseDouble(p);
          if (Double.isFinite(d)) {
            j.raw(utf8(Double.toString(d)));
          } else {
            string(j, v.preview());
          }
          return;
        }
      default:
        string(j, v.preview());
    }
  }

  /** {@code Boolean.valueOf(preview)}: true only for "true", in any case. */
  private static boolean isTrue(Utf8Slice p) {
    if (p.length() != 4) {
      return false;
    }
    byte[] a = p.array();
    int o = p.offset();
    return (a[o] | 0x20) == 't'
        && (a[o + 1] | 0x20) == 'r'
        && (a[o + 2] | 0x20) == 'u'
        && (a[o + 3] | 0x20) == 'e';
  }

  /** A JSON string of UTF-8 bytes, escaped as {@code Json.string} escapes. */
  private static void string(ProtoWriter j, Utf8Slice s) {
    j.rawByte('"');
    byte[] a = s.array();
    for (int i = s.offset(), end = s.offset() + s.length(); i < end; i++) {
      int c = a[i] & 0xFF;
      switch (c) {
        case '"':
          j.rawByte('\\');
          j.rawByte('"');
          break;
        case '\\':
          j.rawByte('\\');
          j.rawByte('\\');
          break;
        case '\n':
          j.rawByte('\\');
          j.rawByte('n');
          break;
        case '\r':
          j.rawByte('\\');
          j.rawByte('r');
          break;
        case '\t':
          j.rawByte('\\');
          j.rawByte('t');
          break;
        default:
          if (c < 0x20) {
            unicodeEscape(j, (char) c);
          } else {
            j.rawByte(c);
          }
      }
    }
    j.rawByte('"');
  }

  /** A one-character JSON string; a lone surrogate is escaped, as {@code Json.string} does. */
  private static void charString(ProtoWriter j, char c) {
    if (Character.isSurrogate(c) || c < 0x20 || c == '"' || c == '\\') {
      StringBuilder sb = new StringBuilder();
      dev.tooltrace.record.Json.string(sb, String.valueOf(c));
      j.raw(utf8(sb.toString()));
      return;
    }
    j.rawByte('"');
    j.raw(utf8(String.valueOf(c)));
    j.rawByte('"');
  }

  private static void unicodeEscape(ProtoWriter j, char c) {
    j.rawByte('\\');
    j.rawByte('u');
    for (int shift = 12; shift >= 0; shift -= 4) {
      j.rawByte(Character.forDigit((c >> shift) & 0xF, 16));
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
