/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/**
 * The JSON of a full argument capture ({@link RecordFormat#VFLAG_CAPTURED}): self-describing,
 * because erased generics leave the declared parameter type silent about what a list holds. The
 * agent writes it, {@code tooltrace replay} reads it back into Java objects.
 *
 * <pre>
 * value := null | true | false | "string"
 *        | {"byte"|"short"|"int"|"long": n} | {"char": "c"} | {"float"|"double": "1.5"}
 *        | {"enum": "pkg.Color", "name": "RED"}
 *        | {"array": "componentClassName", "items": [item...]}   (primitive components raw:
 *                                        numbers, booleans, "c" for char, "1.5" for floats)
 *        | {"list"|"set": "pkg.ListClass", "items": [value...]}
 *        | {"map": "pkg.MapClass", "entries": [[key, value]...]}
 *        | {"optional": value}
 *        | {"record": "pkg.Rec", "components": [value...]}      (in declaration order)
 *        | {"bean": "pkg.Bean", "properties": {"name": value...}} (getter/setter pairs)
 * capture := value | {"uncaptured": "reason"}
 * </pre>
 *
 * <p>Floating-point numbers are strings ({@code Double.toString}) so NaN, infinities and every bit
 * survive. A value that is not of a replayable type, too large ({@code capture.max.bytes}) or holds
 * a name matching {@code redact.names} is stored as {@code uncaptured} with the reason, so the
 * replayer can say why a call cannot be replayed.
 */
public final class CaptureFormat {
  private CaptureFormat() {}

  public static final String UNCAPTURED = "uncaptured";
  public static final String ENUM = "enum";
  public static final String ENUM_NAME = "name";
  public static final String ARRAY = "array";
  public static final String LIST = "list";
  public static final String SET = "set";
  public static final String ITEMS = "items";
  public static final String MAP = "map";
  public static final String ENTRIES = "entries";
  public static final String OPTIONAL = "optional";
  public static final String RECORD = "record";
  public static final String COMPONENTS = "components";
  public static final String BEAN = "bean";
  public static final String PROPERTIES = "properties";
}
