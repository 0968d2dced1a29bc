/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.util.List;
import java.util.Objects;

/**
 * One argument or return value as read back from the queue. Built with {@link #builder()}: fields
 * are set by name, so a new field of the format adds a builder method and breaks no caller.
 */
public final class ValueRecord {
  private final String name;
  private final String declaredType;
  private final int kind;
  private final String actualType;
  private final String hash;
  private final boolean hashPartial;
  private final long size;
  private final String preview;
  private final boolean previewTruncated;
  private final String producerSpanId;
  private final String capture;
  private final boolean producerIsElement;
  private final boolean hashSampled;
  private final List<ElementRef> elements;
  private final boolean elementsTruncated;
  private final boolean elementsDegraded;
  private final long elementsOmitted;

  private ValueRecord(Builder b) {
    this.name = b.name;
    this.declaredType = b.declaredType;
    this.kind = b.kind;
    this.actualType = b.actualType;
    this.hash = b.hash;
    this.hashPartial = b.hashPartial;
    this.size = b.size;
    this.preview = b.preview;
    this.previewTruncated = b.previewTruncated;
    this.producerSpanId = b.producerSpanId;
    this.capture = b.capture;
    this.producerIsElement = b.producerIsElement;
    this.hashSampled = b.hashSampled;
    this.elements = List.copyOf(b.elements);
    this.elementsTruncated = b.elementsTruncated;
    this.elementsDegraded = b.elementsDegraded;
    this.elementsOmitted = b.elementsOmitted;
  }

  /** A builder with every field at its default (empty strings, zeros, no values). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's fields, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.declaredType = declaredType;
    b.kind = kind;
    b.actualType = actualType;
    b.hash = hash;
    b.hashPartial = hashPartial;
    b.size = size;
    b.preview = preview;
    b.previewTruncated = previewTruncated;
    b.producerSpanId = producerSpanId;
    b.capture = capture;
    b.producerIsElement = producerIsElement;
    b.hashSampled = hashSampled;
    b.elements = elements;
    b.elementsTruncated = elementsTruncated;
    b.elementsDegraded = elementsDegraded;
    b.elementsOmitted = elementsOmitted;
    return b;
  }

  /** The parameter name ("return" for the return value). */
  public String name() {
    return name;
  }

  /** The declared Java type. */
  public String declaredType() {
    return declaredType;
  }

  /** One of {@code RecordFormat.VALUE_*}. */
  public int kind() {
    return kind;
  }

  /** The runtime class (the declared type for primitives), "" for null/void. */
  public String actualType() {
    return actualType;
  }

  /**
   * Content hash, 32 hex chars, or null when the value has none (identity-only, redacted, void).
   */
  public String hash() {
    return hash;
  }

  /** Whether the hash covers only a bounded part of a very large value. */
  public boolean hashPartial() {
    return hashPartial;
  }

  /** Chars of a string, elements of a collection/array, bytes of a byte array; -1 when unknown. */
  public long size() {
    return size;
  }

  /** A bounded human-readable rendering ("" when redacted). */
  public String preview() {
    return preview;
  }

  /** Whether the preview was cut. */
  public boolean previewTruncated() {
    return previewTruncated;
  }

  /** The span that returned this very object (identity link), or null. */
  public String producerSpanId() {
    return producerSpanId;
  }

  /** The full value as {@link CaptureFormat} JSON when captured for replay, else null. */
  public String capture() {
    return capture;
  }

  /**
   * Whether {@link #producerSpanId} returned a container holding this object (an element of its
   * return value) rather than the object itself.
   */
  public boolean producerIsElement() {
    return producerIsElement;
  }

  /**
   * Whether the hash is partial because the agent's budget switched this parameter to a sampled
   * description (not because the value is larger than {@code capture.hash.max.bytes}).
   */
  public boolean hashSampled() {
    return hashSampled;
  }

  /**
   * The elements the agent looked at (of a collection, array, map, {@code Optional} or a record
   * holding such values), depth first; empty when it looked at none.
   */
  public List<ElementRef> elements() {
    return elements;
  }

  /** Whether elements exist that have no entry in {@link #elements} (bound, depth or budget). */
  public boolean elementsTruncated() {
    return elementsTruncated;
  }

  /** Whether the walk over the elements failed part-way (the collection changed while read). */
  public boolean elementsDegraded() {
    return elementsDegraded;
  }

  /** How many elements are known to exist without an entry in {@link #elements}. */
  public long elementsOmitted() {
    return elementsOmitted;
  }

  public boolean isVoid() {
    return kind == RecordFormat.VALUE_VOID;
  }

  public boolean isRedacted() {
    return kind == RecordFormat.VALUE_REDACTED;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ValueRecord)) {
      return false;
    }
    ValueRecord x = (ValueRecord) o;
    return Objects.equals(name, x.name)
        && Objects.equals(declaredType, x.declaredType)
        && kind == x.kind
        && Objects.equals(actualType, x.actualType)
        && Objects.equals(hash, x.hash)
        && hashPartial == x.hashPartial
        && size == x.size
        && Objects.equals(preview, x.preview)
        && previewTruncated == x.previewTruncated
        && Objects.equals(producerSpanId, x.producerSpanId)
        && Objects.equals(capture, x.capture)
        && producerIsElement == x.producerIsElement
        && hashSampled == x.hashSampled
        && elements.equals(x.elements)
        && elementsTruncated == x.elementsTruncated
        && elementsDegraded == x.elementsDegraded
        && elementsOmitted == x.elementsOmitted;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name,
        declaredType,
        kind,
        actualType,
        hash,
        hashPartial,
        size,
        preview,
        previewTruncated,
        producerSpanId,
        capture,
        producerIsElement,
        hashSampled,
        elements,
        elementsTruncated,
        elementsDegraded,
        elementsOmitted);
  }

  @Override
  public String toString() {
    return "ValueRecord["
        + "name="
        + name
        + ", declaredType="
        + declaredType
        + ", kind="
        + kind
        + ", actualType="
        + actualType
        + ", hash="
        + hash
        + ", hashPartial="
        + hashPartial
        + ", size="
        + size
        + ", preview="
        + preview
        + ", previewTruncated="
        + previewTruncated
        + ", producerSpanId="
        + producerSpanId
        + ", capture="
        + capture
        + ", producerIsElement="
        + producerIsElement
        + ", hashSampled="
        + hashSampled
        + ", elements="
        + elements
        + ", elementsTruncated="
        + elementsTruncated
        + ", elementsDegraded="
        + elementsDegraded
        + ", elementsOmitted="
        + elementsOmitted
        + "]";
  }

  /** Sets the fields of a {@link ValueRecord} by name; {@link #build} makes it. */
  public static final class Builder {
    private String name = "";
    private String declaredType = "";
    private int kind;
    private String actualType = "";
    private String hash;
    private boolean hashPartial;
    private long size;
    private String preview = "";
    private boolean previewTruncated;
    private String producerSpanId;
    private String capture;
    private boolean producerIsElement;
    private boolean hashSampled;
    private List<ElementRef> elements = List.of();
    private boolean elementsTruncated;
    private boolean elementsDegraded;
    private long elementsOmitted;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder declaredType(String declaredType) {
      this.declaredType = declaredType;
      return this;
    }

    public Builder kind(int kind) {
      this.kind = kind;
      return this;
    }

    public Builder actualType(String actualType) {
      this.actualType = actualType;
      return this;
    }

    public Builder hash(String hash) {
      this.hash = hash;
      return this;
    }

    public Builder hashPartial(boolean hashPartial) {
      this.hashPartial = hashPartial;
      return this;
    }

    public Builder size(long size) {
      this.size = size;
      return this;
    }

    public Builder preview(String preview) {
      this.preview = preview;
      return this;
    }

    public Builder previewTruncated(boolean previewTruncated) {
      this.previewTruncated = previewTruncated;
      return this;
    }

    public Builder producerSpanId(String producerSpanId) {
      this.producerSpanId = producerSpanId;
      return this;
    }

    public Builder capture(String capture) {
      this.capture = capture;
      return this;
    }

    public Builder producerIsElement(boolean producerIsElement) {
      this.producerIsElement = producerIsElement;
      return this;
    }

    public Builder hashSampled(boolean hashSampled) {
      this.hashSampled = hashSampled;
      return this;
    }

    public Builder elements(List<ElementRef> elements) {
      this.elements = elements;
      return this;
    }

    public Builder elementsTruncated(boolean elementsTruncated) {
      this.elementsTruncated = elementsTruncated;
      return this;
    }

    public Builder elementsDegraded(boolean elementsDegraded) {
      this.elementsDegraded = elementsDegraded;
      return this;
    }

    public Builder elementsOmitted(long elementsOmitted) {
      this.elementsOmitted = elementsOmitted;
      return this;
    }

    public ValueRecord build() {
      return new ValueRecord(this);
    }
  }
}
