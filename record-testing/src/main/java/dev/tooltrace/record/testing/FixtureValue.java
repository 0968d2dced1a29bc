/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record.testing;

import dev.tooltrace.record.Buf;
import dev.tooltrace.record.CanonicalHash;
import dev.tooltrace.record.ContentHasher;
import dev.tooltrace.record.DocumentDecoder;
import dev.tooltrace.record.Encoder;
import dev.tooltrace.record.Hex;
import dev.tooltrace.record.PrimitiveValues;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ValueEncoder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One argument or return value for a {@link FixtureCall}, written with the record contract's {@link
 * ValueEncoder} as the agent writes it, and the content hash a reader will see ({@link #hash()}).
 * Immutable: the {@code with...} methods return changed copies.
 */
public final class FixtureValue {
  /** The agent's default {@code capture.preview.chars}. */
  public static final int PREVIEW_CHARS = 256;

  private static final CanonicalHash CANONICAL = new CanonicalHash(1L << 20);

  private enum Kind {
    VOID,
    NULL,
    BOOLEAN,
    INT,
    LONG,
    DOUBLE,
    OBJECT,
    REDACTED,
    UNAVAILABLE
  }

  private final Kind kind;
  private String declaredType;
  private final long bits;
  private final String actualType;
  private int hashKind;
  private long hashHi;
  private long hashLo;
  private final long size;
  private final String text;
  private long producer;
  private String capture;

  /** Value flags beyond preview and capture: {@code VFLAG_PRODUCER_ELEMENT}, {@code _SAMPLED}. */
  private int extraFlags;

  private List<FixtureElement> elements = List.of();
  private int elementsFlags;
  private long elementsOmitted;

  private FixtureValue(
      Kind kind,
      String declaredType,
      long bits,
      String actualType,
      int hashKind,
      long hashHi,
      long hashLo,
      long size,
      String text,
      long producer,
      String capture) {
    this.kind = kind;
    this.declaredType = declaredType;
    this.bits = bits;
    this.actualType = actualType;
    this.hashKind = hashKind;
    this.hashHi = hashHi;
    this.hashLo = hashLo;
    this.size = size;
    this.text = text;
    this.producer = producer;
    this.capture = capture;
  }

  private FixtureValue copy() {
    FixtureValue c =
        new FixtureValue(
            kind,
            declaredType,
            bits,
            actualType,
            hashKind,
            hashHi,
            hashLo,
            size,
            text,
            producer,
            capture);
    c.extraFlags = extraFlags;
    c.elements = elements;
    c.elementsFlags = elementsFlags;
    c.elementsOmitted = elementsOmitted;
    return c;
  }

  private static FixtureValue simple(Kind kind, String declaredType, long bits, String text) {
    return new FixtureValue(
        kind, declaredType, bits, "", RecordFormat.HASH_NONE, 0, 0, -1, text, 0, null);
  }

  /** The return value of a void method (and of every failed call). */
  public static FixtureValue voidValue() {
    return simple(Kind.VOID, "void", 0, null);
  }

  public static FixtureValue nullValue(String declaredType) {
    return simple(Kind.NULL, declaredType, 0, null);
  }

  public static FixtureValue ofBoolean(boolean v) {
    return simple(Kind.BOOLEAN, "boolean", v ? 1 : 0, null);
  }

  public static FixtureValue ofInt(int v) {
    return simple(Kind.INT, "int", v, null);
  }

  public static FixtureValue ofLong(long v) {
    return simple(Kind.LONG, "long", v, null);
  }

  public static FixtureValue ofDouble(double v) {
    return simple(Kind.DOUBLE, "double", Double.doubleToRawLongBits(v), null);
  }

  /**
   * An object as the agent describes it: its runtime type, its canonical content hash ({@link
   * CanonicalHash}, the agent's own), size and a preview ({@code String.valueOf} for anything but
   * collections, maps and arrays, which are previewed as the agent does only roughly: use {@link
   * #object} to control every field).
   */
  public static FixtureValue of(Object o) {
    if (o == null) {
      return nullValue("java.lang.Object");
    }
    ContentHasher h = new ContentHasher();
    int kind = CANONICAL.hash(h, o);
    if (kind != RecordFormat.HASH_NONE) {
      h.finish();
    }
    String type = o.getClass().getTypeName();
    return new FixtureValue(
        Kind.OBJECT, type, 0, type, kind, h.hi, h.lo, sizeOf(o), String.valueOf(o), 0, null);
  }

  /** A string argument or result (declared {@code java.lang.String}). */
  public static FixtureValue ofString(String s) {
    return of(s);
  }

  /**
   * An object with every field given: {@code hash} is finished (or null for an identity-only value,
   * {@link RecordFormat#HASH_NONE}).
   */
  public static FixtureValue object(
      String actualType, ContentHasher hash, long size, String preview) {
    return new FixtureValue(
        Kind.OBJECT,
        actualType,
        0,
        actualType,
        hash == null ? RecordFormat.HASH_NONE : RecordFormat.HASH_CONTENT,
        hash == null ? 0 : hash.hi,
        hash == null ? 0 : hash.lo,
        size,
        preview,
        0,
        null);
  }

  /** An object the agent identifies by identity only (a plain bean): no content hash. */
  public static FixtureValue identityOnly(String actualType, String preview) {
    return object(actualType, null, -1, preview);
  }

  /** A value withheld by {@code @Redacted} or configuration. */
  public static FixtureValue redacted(String type) {
    return new FixtureValue(
        Kind.REDACTED, type, 0, type, RecordFormat.HASH_NONE, 0, 0, -1, null, 0, null);
  }

  /** A value the agent could not describe. */
  public static FixtureValue unavailable(String declaredType, String reason) {
    return simple(Kind.UNAVAILABLE, declaredType, 0, reason);
  }

  /** The same value, produced by (returned from) the call with span {@code spanId}. */
  public FixtureValue producedBy(long spanId) {
    FixtureValue c = copy();
    c.producer = spanId;
    c.extraFlags &= ~RecordFormat.VFLAG_PRODUCER_ELEMENT;
    return c;
  }

  /**
   * The same value, found by identity as an element of what the call with span {@code spanId}
   * returned ({@code VFLAG_PRODUCER_ELEMENT}).
   */
  public FixtureValue producedAsElementOf(long spanId) {
    FixtureValue c = copy();
    c.producer = spanId;
    c.extraFlags |= RecordFormat.VFLAG_PRODUCER_ELEMENT;
    return c;
  }

  /** The same value with another declared (parameter or return) type. */
  public FixtureValue declaredAs(String type) {
    FixtureValue c = copy();
    c.declaredType = type;
    return c;
  }

  /** The same object with a full capture for replay ({@code CaptureFormat} JSON). */
  public FixtureValue withCapture(String captureJson) {
    if (kind != Kind.OBJECT) {
      throw new IllegalStateException("only objects carry captures");
    }
    FixtureValue c = copy();
    c.capture = captureJson;
    return c;
  }

  /**
   * An object described as the agent describes a value of a parameter its budget switched: the
   * sampled hash of {@code o} ({@code VFLAG_HASH_SAMPLED} when it is partial).
   */
  public static FixtureValue sampledOf(Object o) {
    FixtureValue v = of(o);
    ContentHasher h = new ContentHasher();
    int kind = CANONICAL.hash(h, o, true);
    if (kind != RecordFormat.HASH_NONE) {
      h.finish();
    }
    v.hashKind = kind;
    v.hashHi = h.hi;
    v.hashLo = h.lo;
    if (kind == RecordFormat.HASH_PARTIAL) {
      v.extraFlags |= RecordFormat.VFLAG_HASH_SAMPLED;
    }
    return v;
  }

  /** The same object with these element entries ({@code SECTION_ELEMENTS}), depth first. */
  public FixtureValue withElements(FixtureElement... entries) {
    if (kind != Kind.OBJECT) {
      throw new IllegalStateException("only objects carry elements");
    }
    FixtureValue c = copy();
    List<FixtureElement> l = new ArrayList<>(elements);
    l.addAll(List.of(entries));
    c.elements = List.copyOf(l);
    return c;
  }

  /** The same object with {@code omitted} more elements than its entries ({@code TRUNCATED}). */
  public FixtureValue elementsTruncated(long omitted) {
    FixtureValue c = copy();
    c.elementsFlags |= RecordFormat.ELEMENTS_TRUNCATED;
    c.elementsOmitted = omitted;
    return c;
  }

  /** The same object whose element walk was cut short ({@code ELEMENTS_DEGRADED}). */
  public FixtureValue elementsDegraded() {
    FixtureValue c = copy();
    c.elementsFlags |= RecordFormat.ELEMENTS_DEGRADED;
    return c;
  }

  /** The declared type (the tool block's parameter or return type for this value). */
  public String declaredType() {
    return declaredType;
  }

  /** The content hash a reader will see (32 hex chars), or null when the value has none. */
  public String hash() {
    switch (kind) {
      case NULL:
        return DocumentDecoder.nullHash();
      case BOOLEAN:
      case INT:
      case LONG:
        {
          char tag = PrimitiveValues.tag(declaredType);
          ContentHasher h = new ContentHasher();
          PrimitiveValues.hashIntegral(h, tag != 0 ? tag : kind == Kind.BOOLEAN ? 'Z' : 'J', bits);
          return h.finish().hex();
        }
      case DOUBLE:
        {
          ContentHasher h = new ContentHasher();
          char tag = PrimitiveValues.tag(declaredType) == 'F' ? 'F' : 'D';
          PrimitiveValues.hashFloating(h, tag, Double.longBitsToDouble(bits));
          return h.finish().hex();
        }
      case OBJECT:
        return hashKind == RecordFormat.HASH_NONE ? null : Hex.of(hashHi, hashLo);
      default:
        return null;
    }
  }

  /** Writes the value with the record contract's {@link ValueEncoder}. */
  void writeTo(Buf b) {
    switch (kind) {
      case VOID:
        ValueEncoder.voidValue(b);
        break;
      case NULL:
        ValueEncoder.nullValue(b);
        break;
      case BOOLEAN:
        ValueEncoder.booleanValue(b, bits != 0);
        break;
      case INT:
        ValueEncoder.intValue(b, bits);
        break;
      case LONG:
        ValueEncoder.longValue(b, bits);
        break;
      case DOUBLE:
        ValueEncoder.doubleValue(b, Double.longBitsToDouble(bits));
        break;
      case REDACTED:
        ValueEncoder.redacted(b, actualType);
        break;
      case UNAVAILABLE:
        ValueEncoder.unavailable(b, text);
        break;
      case OBJECT:
        {
          String preview = text == null ? "" : text;
          int flags =
              (preview.length() > PREVIEW_CHARS ? RecordFormat.VFLAG_PREVIEW_TRUNCATED : 0)
                  | (capture != null ? RecordFormat.VFLAG_CAPTURED : 0);
          int start = b.length();
          ValueEncoder.objectHead(
              b,
              Encoder.encodeStr(actualType),
              hashKind,
              hashHi,
              hashLo,
              size,
              flags
                  | (producer != 0
                      ? extraFlags
                      : extraFlags & ~RecordFormat.VFLAG_PRODUCER_ELEMENT));
          b.str(preview, PREVIEW_CHARS);
          ValueEncoder.objectTail(b, producer, capture);
          if (!elements.isEmpty() || elementsFlags != 0) {
            Buf entries = new Buf(64);
            for (FixtureElement e : elements) {
              e.writeTo(entries);
            }
            ValueEncoder.elements(
                b, start, elementsFlags, elementsOmitted, elements.size(), entries);
          }
          break;
        }
      default:
        throw new IllegalStateException(kind.name());
    }
  }

  private static long sizeOf(Object o) {
    if (o instanceof CharSequence) {
      return ((CharSequence) o).length();
    }
    if (o instanceof Collection) {
      return ((Collection<?>) o).size();
    }
    if (o instanceof Map) {
      return ((Map<?, ?>) o).size();
    }
    if (o.getClass().isArray()) {
      return java.lang.reflect.Array.getLength(o);
    }
    return -1;
  }
}
