/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.nio.charset.StandardCharsets;

/**
 * One argument or return value of a {@link CallView}: the same fields as a {@link ValueRecord}
 * (same meaning, same derived previews and hashes), read in place. Strings are {@link Utf8Slice}s,
 * ids and hashes stay numbers, and what a {@link ValueRecord} derives for primitives (preview text,
 * content hash) is derived here only when asked, into buffers this view reuses. Valid only during
 * the visitor call that handed out its call.
 */
public final class ValueView {
  private static final byte[] NULL_PREVIEW = bytes("null");
  private static final byte[] REDACTED_PREVIEW = bytes("<redacted>");
  private static final byte[] UNAVAILABLE_HEAD = bytes("<unavailable: ");
  private static final byte[] TRUE = bytes("true");
  private static final byte[] FALSE = bytes("false");
  private static final long NULL_HASH_HI;
  private static final long NULL_HASH_LO;

  static {
    ContentHasher h = new ContentHasher().putByte('N').finish();
    NULL_HASH_HI = h.hi;
    NULL_HASH_LO = h.lo;
  }

  private final Utf8Slice name = new Utf8Slice();
  private final Utf8Slice declaredType = new Utf8Slice();
  private final Utf8Slice actualType = new Utf8Slice();
  private final Utf8Slice preview = new Utf8Slice();
  private final Utf8Slice stored = new Utf8Slice(); // OBJECT preview, UNAVAILABLE reason
  private final Utf8Slice capture = new Utf8Slice();
  private final ContentHasher hasher = new ContentHasher();
  private byte[] scratch = new byte[64];

  private int kind;
  private char tag; // primitive kinds: the canonical tag the reader derives from the declared type
  private long bits; // primitive kinds: the raw value (long bits for DOUBLE)
  private int hashKind;
  private long hashHi;
  private long hashLo;
  private long size;
  private boolean previewTruncated;
  private long producer;
  private boolean hasCapture;
  private boolean derived; // preview (and hash, for primitives) computed
  private boolean producerIsElement;
  private boolean hashSampled;
  private byte[] doc;
  private int elementsFrom = -1; // the elements section's payload in doc, when there is one
  private int elementsEnd;
  private long elementsHeader;

  ValueView() {}

  /**
   * Reads one value at the reader's position, as {@link DocumentDecoder} does. {@code declaredTag}
   * is {@link PrimitiveValues#tag} of the declared type (0 when not primitive).
   */
  void read(In in, byte[] doc, Utf8Slice nameOf, Utf8Slice declared, char declaredTag) {
    name.set(nameOf);
    declaredType.set(declared);
    actualType.set(doc, 0, 0);
    stored.set(doc, 0, 0);
    capture.set(doc, 0, 0);
    hasCapture = false;
    derived = false;
    producerIsElement = false;
    hashSampled = false;
    this.doc = doc;
    elementsFrom = -1;
    elementsHeader = 0;
    hashKind = RecordFormat.HASH_NONE;
    size = 0;
    previewTruncated = false;
    producer = 0;
    tag = 0;
    bits = 0;
    int kindByte = in.u8();
    kind = kindByte & RecordFormat.VALUE_KIND_MASK;
    switch (kind) {
      case RecordFormat.VALUE_NULL:
      case RecordFormat.VALUE_VOID:
        break;
      case RecordFormat.VALUE_BOOLEAN:
      case RecordFormat.VALUE_INT:
      case RecordFormat.VALUE_LONG:
        bits = kind == RecordFormat.VALUE_BOOLEAN ? in.u8() : in.i64();
        tag = declaredTag != 0 ? declaredTag : kind == RecordFormat.VALUE_BOOLEAN ? 'Z' : 'J';
        actualType.set(declared);
        size = 1;
        break;
      case RecordFormat.VALUE_DOUBLE:
        bits = in.i64();
        tag = declaredTag == 'F' ? 'F' : 'D';
        actualType.set(declared);
        size = 1;
        break;
      case RecordFormat.VALUE_OBJECT:
        {
          str(in, doc, actualType);
          hashKind = in.u8();
          hashHi = in.i64();
          hashLo = in.i64();
          size = in.i64();
          int vflags = in.u8();
          str(in, doc, stored);
          producer = in.i64();
          previewTruncated = (vflags & RecordFormat.VFLAG_PREVIEW_TRUNCATED) != 0;
          producerIsElement = producer != 0 && (vflags & RecordFormat.VFLAG_PRODUCER_ELEMENT) != 0;
          hashSampled =
              hashKind == RecordFormat.HASH_PARTIAL
                  && (vflags & RecordFormat.VFLAG_HASH_SAMPLED) != 0;
          if ((vflags & RecordFormat.VFLAG_CAPTURED) != 0) {
            str(in, doc, capture);
            hasCapture = true;
          }
          break;
        }
      case RecordFormat.VALUE_REDACTED:
        str(in, doc, actualType);
        size = -1;
        break;
      case RecordFormat.VALUE_UNAVAILABLE:
        str(in, doc, stored);
        size = -1;
        break;
      default:
        throw new CorruptRecordException("unknown value kind " + kind + " for " + nameOf);
    }
    if ((kindByte & RecordFormat.VALUE_HAS_SECTIONS) != 0) {
      int n = in.varint();
      if (n < 0 || n > in.remaining()) {
        throw new CorruptRecordException("sections of value " + nameOf + " have bad length " + n);
      }
      CallViewDecoder.valueSections(in, in.position() + n, nameOf, this);
    }
  }

  /** Where the value's elements section is (checked already), and its flags and omitted count. */
  void elementsAt(int from, int end, long header) {
    elementsFrom = from;
    elementsEnd = end;
    elementsHeader = header;
  }

  /** As {@link ValueRecord#producerIsElement()}. */
  public boolean producerIsElement() {
    return producerIsElement;
  }

  /** As {@link ValueRecord#hashSampled()}. */
  public boolean hashSampled() {
    return hashSampled;
  }

  /** As {@link ValueRecord#elements()}; read from the document when asked (allocates). */
  public java.util.List<ElementRef> elements() {
    if (elementsFrom < 0) {
      return java.util.List.of();
    }
    java.util.List<ElementRef> refs = new java.util.ArrayList<>();
    ElementsSection.read(
        new In(doc, elementsFrom, elementsEnd - elementsFrom), elementsEnd, name, refs);
    return refs;
  }

  /** As {@link ValueRecord#elementsTruncated()}. */
  public boolean elementsTruncated() {
    return (elementsHeader & RecordFormat.ELEMENTS_TRUNCATED) != 0;
  }

  /** As {@link ValueRecord#elementsDegraded()}. */
  public boolean elementsDegraded() {
    return (elementsHeader & RecordFormat.ELEMENTS_DEGRADED) != 0;
  }

  /** As {@link ValueRecord#elementsOmitted()}. */
  public long elementsOmitted() {
    return elementsHeader >>> 8;
  }

  static void str(In in, byte[] doc, Utf8Slice into) {
    int n = in.varint();
    int off = in.position();
    in.skip(n);
    into.set(doc, off, n);
  }

  /** {@code RecordFormat.VALUE_*}. */
  public int kind() {
    return kind;
  }

  public boolean isVoid() {
    return kind == RecordFormat.VALUE_VOID;
  }

  public boolean isRedacted() {
    return kind == RecordFormat.VALUE_REDACTED;
  }

  /** The parameter name ("return" for the return value), as {@link ValueRecord#name()}. */
  public Utf8Slice name() {
    return name;
  }

  public Utf8Slice declaredType() {
    return declaredType;
  }

  /** As {@link ValueRecord#actualType()}: empty for null, void and unavailable values. */
  public Utf8Slice actualType() {
    return actualType;
  }

  /** Whether the value has a content hash ({@link ValueRecord#hash()} not null). */
  public boolean hasHash() {
    switch (kind) {
      case RecordFormat.VALUE_NULL:
      case RecordFormat.VALUE_BOOLEAN:
      case RecordFormat.VALUE_INT:
      case RecordFormat.VALUE_LONG:
      case RecordFormat.VALUE_DOUBLE:
        return true;
      case RecordFormat.VALUE_OBJECT:
        return hashKind != RecordFormat.HASH_NONE;
      default:
        return false;
    }
  }

  /** High 64 bits of the content hash (only when {@link #hasHash()}). */
  public long hashHi() {
    derive();
    return hashHi;
  }

  public long hashLo() {
    derive();
    return hashLo;
  }

  public boolean hashPartial() {
    return kind == RecordFormat.VALUE_OBJECT && hashKind == RecordFormat.HASH_PARTIAL;
  }

  /** As {@link ValueRecord#size()}: -1 for redacted and unavailable values. */
  public long size() {
    return size;
  }

  /** The preview text, as {@link ValueRecord#preview()}. */
  public Utf8Slice preview() {
    derive();
    return preview;
  }

  public boolean previewTruncated() {
    return previewTruncated;
  }

  /** The span id of the call that produced the value, 0 when none is known. */
  public long producerSpanId() {
    return producer;
  }

  public boolean hasCapture() {
    return hasCapture;
  }

  public Utf8Slice capture() {
    return capture;
  }

  /**
   * For primitive kinds the canonical tag of the value's type ({@code Z B S C I J F D}, see {@link
   * PrimitiveValues}); 0 for every other kind.
   */
  public char primitiveTag() {
    return tag;
  }

  /** The raw value of a BOOLEAN, INT or LONG value (booleans as 0 or 1). */
  public long longValue() {
    return bits;
  }

  /** The raw value of a DOUBLE value (floats widened). */
  public double doubleValue() {
    return Double.longBitsToDouble(bits);
  }

  private void derive() {
    if (derived) {
      return;
    }
    derived = true;
    switch (kind) {
      case RecordFormat.VALUE_NULL:
        preview.set(NULL_PREVIEW, 0, NULL_PREVIEW.length);
        hashHi = NULL_HASH_HI;
        hashLo = NULL_HASH_LO;
        break;
      case RecordFormat.VALUE_VOID:
        preview.set(NULL_PREVIEW, 0, 0);
        break;
      case RecordFormat.VALUE_BOOLEAN:
      case RecordFormat.VALUE_INT:
      case RecordFormat.VALUE_LONG:
        integralPreview();
        PrimitiveValues.hashIntegral(hasher.reset(), tag, bits);
        hasher.finish();
        hashHi = hasher.hi;
        hashLo = hasher.lo;
        break;
      case RecordFormat.VALUE_DOUBLE:
        {
          double d = Double.longBitsToDouble(bits);
          byte[] b = PrimitiveValues.previewFloating(tag, d).getBytes(StandardCharsets.UTF_8);
          preview.set(b, 0, b.length);
          PrimitiveValues.hashFloating(hasher.reset(), tag, d);
          hasher.finish();
          hashHi = hasher.hi;
          hashLo = hasher.lo;
          break;
        }
      case RecordFormat.VALUE_OBJECT:
        preview.set(stored);
        break;
      case RecordFormat.VALUE_REDACTED:
        preview.set(REDACTED_PREVIEW, 0, REDACTED_PREVIEW.length);
        break;
      case RecordFormat.VALUE_UNAVAILABLE:
        {
          int n = UNAVAILABLE_HEAD.length + stored.length() + 1;
          byte[] b = scratch(n);
          System.arraycopy(UNAVAILABLE_HEAD, 0, b, 0, UNAVAILABLE_HEAD.length);
          System.arraycopy(
              stored.array(), stored.offset(), b, UNAVAILABLE_HEAD.length, stored.length());
          b[n - 1] = '>';
          preview.set(b, 0, n);
          break;
        }
      default:
        break;
    }
  }

  /** What {@link PrimitiveValues#previewIntegral} gives, written as UTF-8 without a String. */
  private void integralPreview() {
    if (tag == 'Z') {
      byte[] b = bits != 0 ? TRUE : FALSE;
      preview.set(b, 0, b.length);
      return;
    }
    byte[] b = scratch(20);
    if (tag == 'C') {
      preview.set(b, 0, utf8OfChar((char) bits, b));
      return;
    }
    preview.set(b, 0, decimal(bits, b));
  }

  /** {@code String.valueOf(c).getBytes(UTF_8)}: a lone surrogate becomes '?'. */
  private static int utf8OfChar(char c, byte[] b) {
    if (c < 0x80) {
      b[0] = (byte) c;
      return 1;
    }
    if (c < 0x800) {
      b[0] = (byte) (0xC0 | (c >> 6));
      b[1] = (byte) (0x80 | (c & 0x3F));
      return 2;
    }
    if (Character.isSurrogate(c)) {
      b[0] = '?';
      return 1;
    }
    b[0] = (byte) (0xE0 | (c >> 12));
    b[1] = (byte) (0x80 | ((c >> 6) & 0x3F));
    b[2] = (byte) (0x80 | (c & 0x3F));
    return 3;
  }

  /** {@code Long.toString(v)} as ASCII into {@code b}; returns the length. */
  static int decimal(long v, byte[] b) {
    if (v == Long.MIN_VALUE) {
      byte[] min = bytes(Long.toString(v));
      System.arraycopy(min, 0, b, 0, min.length);
      return min.length;
    }
    int n = 0;
    if (v < 0) {
      b[n++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long x = v; x >= 10; x /= 10) {
      digits++;
    }
    for (int i = n + digits - 1; i >= n; i--) {
      b[i] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    return n + digits;
  }

  private byte[] scratch(int n) {
    if (scratch.length < n) {
      scratch = new byte[Math.max(n, scratch.length * 2)];
    }
    return scratch;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ValueView{" + name + " kind " + kind + " " + preview() + "}";
  }
}
