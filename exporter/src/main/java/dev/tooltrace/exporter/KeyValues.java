/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import dev.tooltrace.record.Utf8Slice;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * OTLP {@code KeyValue} fields (an attribute: {@code key = 1}, {@code value = 2}, an {@code
 * AnyValue}) written straight from record bytes. Keys are pre-encoded once ({@link Key}); each
 * write computes the message lengths up front, so nothing is moved afterwards. Values follow what
 * the OpenTelemetry SDK's marshaler writes for the same attribute (an empty string is an {@code
 * AnyValue} with no value set), which {@code LeanEncodingTest} checks against the SDK.
 */
final class KeyValues {
  private KeyValues() {}

  // AnyValue fields.
  private static final int STRING = ProtoWriter.tag(1, ProtoWriter.LEN);
  private static final int BOOL = ProtoWriter.tag(2, ProtoWriter.VARINT);
  private static final int INT = ProtoWriter.tag(3, ProtoWriter.VARINT);
  private static final int DOUBLE = ProtoWriter.tag(4, ProtoWriter.FIXED64);
  private static final int VALUE = ProtoWriter.tag(2, ProtoWriter.LEN); // KeyValue.value

  /** An attribute key, encoded once as KeyValue's {@code key} field. */
  static final class Key {
    final String name;
    final byte[] field;

    Key(String name) {
      this.name = name;
      byte[] k = name.getBytes(StandardCharsets.UTF_8);
      ProtoWriter w = new ProtoWriter(k.length + 6);
      w.bytesField(1, k, 0, k.length);
      this.field = java.util.Arrays.copyOf(w.array(), w.length());
    }

    static Key of(AttributeKey<?> k) {
      return new Key(k.getKey());
    }
  }

  private static void head(ProtoWriter w, int field, Key k, int anyLen) {
    w.varint(ProtoWriter.tag(field, ProtoWriter.LEN));
    w.varint(k.field.length + 1 + ProtoWriter.varintSize(anyLen) + anyLen);
    w.raw(k.field);
    w.rawByte(VALUE);
    w.varint(anyLen);
  }

  static void string(ProtoWriter w, int field, Key k, byte[] b, int off, int len) {
    head(w, field, k, 1 + ProtoWriter.varintSize(len) + len);
    w.rawByte(STRING);
    w.varint(len);
    w.raw(b, off, len);
  }

  static void string(ProtoWriter w, int field, Key k, Utf8Slice s) {
    string(w, field, k, s.array(), s.offset(), s.length());
  }

  static void string(ProtoWriter w, int field, Key k, byte[] utf8) {
    string(w, field, k, utf8, 0, utf8.length);
  }

  /** A string attribute of 16 hex digits (a span id). */
  static void hex(ProtoWriter w, int field, Key k, long v) {
    head(w, field, k, 18);
    w.rawByte(STRING);
    w.rawByte(16);
    w.hexAscii(v);
  }

  /** A string attribute of 32 hex digits (a run id, a content hash). */
  static void hex(ProtoWriter w, int field, Key k, long hi, long lo) {
    head(w, field, k, 34);
    w.rawByte(STRING);
    w.rawByte(32);
    w.hexAscii(hi);
    w.hexAscii(lo);
  }

  static void longValue(ProtoWriter w, int field, Key k, long v) {
    head(w, field, k, 1 + ProtoWriter.varintSize(v));
    w.rawByte(INT);
    w.varint(v);
  }

  static void doubleValue(ProtoWriter w, int field, Key k, double v) {
    head(w, field, k, 9);
    w.rawByte(DOUBLE);
    w.fixed64(Double.doubleToRawLongBits(v));
  }

  static void boolValue(ProtoWriter w, int field, Key k, boolean v) {
    head(w, field, k, 2);
    w.rawByte(BOOL);
    w.rawByte(v ? 1 : 0);
  }

  /**
   * Every attribute of {@code attrs} (resource and scope attributes: any type, encoded once per
   * run, so generality costs nothing per span), in the attributes' own order.
   */
  static void all(ProtoWriter w, int field, Attributes attrs) {
    attrs.forEach((key, value) -> any(w, field, new Key(key.getKey()), key.getType(), value));
  }

  private static void any(ProtoWriter w, int field, Key k, AttributeType type, Object value) {
    switch (type) {
      case STRING:
        string(w, field, k, ((String) value).getBytes(StandardCharsets.UTF_8));
        break;
      case BOOLEAN:
        boolValue(w, field, k, (Boolean) value);
        break;
      case LONG:
        longValue(w, field, k, (Long) value);
        break;
      case DOUBLE:
        doubleValue(w, field, k, (Double) value);
        break;
      default:
        array(w, field, k, (List<?>) value);
        break;
    }
  }

  private static void array(ProtoWriter w, int field, Key k, List<?> items) {
    int kv = w.begin(field);
    w.raw(k.field);
    int any = w.begin(2);
    int arr = w.begin(5); // AnyValue.array_value
    for (Object item : items) {
      int v = w.begin(1);
      if (item instanceof String) {
        byte[] b = ((String) item).getBytes(StandardCharsets.UTF_8);
        w.bytesField(1, b, 0, b.length);
      } else if (item instanceof Boolean) {
        w.varintField(2, ((Boolean) item) ? 1 : 0);
      } else if (item instanceof Long) {
        w.varintField(3, (Long) item);
      } else if (item instanceof Double) {
        w.doubleField(4, (Double) item);
      }
      w.end(v);
    }
    w.end(arr);
    w.end(any);
    w.end(kv);
  }
}
