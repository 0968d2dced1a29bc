/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.util.Arrays;

/**
 * Writes a capture in {@link CaptureFormat}'s JSON: the writer half of the capture contract ({@link
 * CaptureReader} is the other). The agent walks an argument and calls one method per part; this
 * class alone knows the keys, the separators and the escaping ({@link Json#string}).
 *
 * <p>Values nest: {@code begin...} opens a container, its items (values, or {@link #property}
 * followed by a value) follow, {@code end...} closes it. A map entry is {@link #beginEntry}, key
 * value, value, {@link #endEntry}. Not thread-safe; reusable after {@link #reset}.
 */
public final class CaptureJsonWriter {
  private final StringBuilder sb;

  /** Per open container: whether its next item needs a comma. */
  private boolean[] needsComma = new boolean[16];

  private int depth;

  /** Writes into {@code sb} from its current end. */
  public CaptureJsonWriter(StringBuilder sb) {
    this.sb = sb;
  }

  /** The JSON written so far. */
  public StringBuilder out() {
    return sb;
  }

  /** Empties the output and forgets open containers. */
  public void reset() {
    sb.setLength(0);
    depth = 0;
  }

  private void item() {
    if (depth > 0) {
      if (needsComma[depth - 1]) {
        sb.append(',');
      }
      needsComma[depth - 1] = true;
    }
  }

  private void open(char bracket) {
    sb.append(bracket);
    if (depth == needsComma.length) {
      needsComma = Arrays.copyOf(needsComma, depth * 2);
    }
    needsComma[depth++] = false;
  }

  private void close(char bracket) {
    if (depth == 0) {
      throw new IllegalStateException("nothing open to close with '" + bracket + "'");
    }
    depth--;
    sb.append(bracket);
  }

  /** {@code {"key":} as the start of a tagged value (tags are {@link CaptureFormat}'s). */
  private void tagged(String key) {
    item();
    open('{');
    sb.append('"').append(key).append("\":");
  }

  /** {@code ,"key":} inside a tagged value. */
  private void field(String key) {
    sb.append(",\"").append(key).append("\":");
  }

  public void nullValue() {
    item();
    sb.append("null");
  }

  public void bool(boolean v) {
    item();
    sb.append(v);
  }

  public void string(CharSequence s) {
    item();
    Json.string(sb, s);
  }

  /**
   * A boxed primitive, self-describing: {@code {"int":5}}, floating point and char as strings
   * ({@code {"double":"NaN"}}) so that every bit survives. Returns false (writing nothing) when
   * {@code box} is not a boxed number or character.
   */
  public boolean boxed(Object box) {
    String key = CaptureFormat.boxKey(box);
    if (key == null) {
      return false;
    }
    tagged(key);
    scalar(box);
    close('}');
    return true;
  }

  private void scalar(Object v) {
    if (v instanceof Double || v instanceof Float || v instanceof Character) {
      Json.string(sb, v.toString());
    } else {
      sb.append(v);
    }
  }

  public void enumValue(String enumClass, String name) {
    tagged(CaptureFormat.ENUM);
    Json.string(sb, enumClass);
    field(CaptureFormat.ENUM_NAME);
    Json.string(sb, name);
    close('}');
  }

  /** Opens an array of {@code componentClass}; items follow, then {@link #endArray}. */
  public void beginArray(String componentClass) {
    tagged(CaptureFormat.ARRAY);
    Json.string(sb, componentClass);
    field(CaptureFormat.ITEMS);
    open('[');
  }

  /**
   * An element of a primitive array, raw: a number, a boolean, a char or floating-point number as a
   * string.
   */
  public void primitiveItem(Object boxed) {
    item();
    if (boxed instanceof Boolean) {
      sb.append(boxed);
    } else {
      scalar(boxed);
    }
  }

  public void endArray() {
    close(']');
    close('}');
  }

  /** Opens a list ({@code set} false) or set of class {@code collectionClass}. */
  public void beginCollection(boolean set, String collectionClass) {
    tagged(set ? CaptureFormat.SET : CaptureFormat.LIST);
    Json.string(sb, collectionClass);
    field(CaptureFormat.ITEMS);
    open('[');
  }

  public void endCollection() {
    close(']');
    close('}');
  }

  /** Opens a map of class {@code mapClass}; entries follow, then {@link #endMap}. */
  public void beginMap(String mapClass) {
    tagged(CaptureFormat.MAP);
    Json.string(sb, mapClass);
    field(CaptureFormat.ENTRIES);
    open('[');
  }

  /** Opens one entry: its key value and its value follow, then {@link #endEntry}. */
  public void beginEntry() {
    item();
    open('[');
  }

  public void endEntry() {
    close(']');
  }

  public void endMap() {
    close(']');
    close('}');
  }

  /** Opens an {@code Optional}: one value (null when empty) follows, then {@link #endOptional}. */
  public void beginOptional() {
    tagged(CaptureFormat.OPTIONAL);
    needsComma[depth - 1] = false;
  }

  public void endOptional() {
    close('}');
  }

  /** Opens a record: its component values follow in declaration order, then {@link #endRecord}. */
  public void beginRecord(String recordClass) {
    tagged(CaptureFormat.RECORD);
    Json.string(sb, recordClass);
    field(CaptureFormat.COMPONENTS);
    open('[');
  }

  public void endRecord() {
    close(']');
    close('}');
  }

  /** Opens a bean: {@link #property} and value pairs follow, then {@link #endBean}. */
  public void beginBean(String beanClass) {
    tagged(CaptureFormat.BEAN);
    Json.string(sb, beanClass);
    field(CaptureFormat.PROPERTIES);
    open('{');
  }

  /** The name of the bean property whose value is written next. */
  public void property(String name) {
    item();
    Json.string(sb, name);
    sb.append(':');
    needsComma[depth - 1] = false;
  }

  public void endBean() {
    close('}');
    close('}');
  }

  /** UTF-8 bytes of the JSON written so far, counted without encoding it. */
  public long utf8Length() {
    long n = 0;
    for (int i = 0; i < sb.length(); i++) {
      char c = sb.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return n;
  }

  /**
   * Replaces everything written with {@code {"uncaptured": reason}}: the value cannot be replayed,
   * and the replayer says why.
   */
  public void uncaptured(String reason) {
    reset();
    tagged(CaptureFormat.UNCAPTURED);
    Json.string(sb, reason);
    close('}');
  }
}
