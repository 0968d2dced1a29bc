/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.util.List;
import java.util.Map;

/**
 * A capture ({@link CaptureFormat}) as read back by {@link CaptureReader}: what the replayer turns
 * into Java objects. Class names are binary names as the agent recorded them.
 */
public sealed interface CaptureValue {
  /** {@code null}. */
  record Null() implements CaptureValue {}

  record Bool(boolean value) implements CaptureValue {}

  record Str(String value) implements CaptureValue {}

  /**
   * A primitive (boxed, or an element of a primitive array): {@code type} is its primitive name
   * ({@code int}, {@code char}, ...), {@code text} its value as written (a number, the char, or the
   * floating-point number's {@code toString}).
   */
  record Primitive(String type, String text) implements CaptureValue {}

  record EnumConstant(String enumClass, String name) implements CaptureValue {}

  /** An array of {@code componentClass} (a primitive name for primitive arrays). */
  record Array(String componentClass, List<CaptureValue> items) implements CaptureValue {}

  /** A list ({@code set} false) or set, in iteration order. */
  record Collection(boolean set, String collectionClass, List<CaptureValue> items)
      implements CaptureValue {}

  record MapEntries(String mapClass, List<Entry> entries) implements CaptureValue {}

  record Entry(CaptureValue key, CaptureValue value) {}

  /** An {@code Optional}: its value is {@link Null} when empty. */
  record Opt(CaptureValue value) implements CaptureValue {}

  /** A record's components in declaration order. */
  record Rec(String recordClass, List<CaptureValue> components) implements CaptureValue {}

  /** A bean's properties (those with a getter and a setter), by name. */
  record Bean(String beanClass, Map<String, CaptureValue> properties) implements CaptureValue {}

  /** Not captured: why the value cannot be replayed. */
  record Uncaptured(String reason) implements CaptureValue {}
}
