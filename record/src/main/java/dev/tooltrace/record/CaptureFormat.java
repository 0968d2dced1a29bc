/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.util.List;

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
 *
 * <p>The agent writes captures with {@link CaptureJsonWriter}; readers turn them into {@link
 * CaptureValue}s with {@link CaptureReader}: nothing else spells these keys.
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

  /** The keys of boxed primitives, in the order readers look for them. */
  public static final List<String> PRIMITIVES =
      List.of("int", "long", "double", "float", "short", "byte", "char");

  /** The key of a boxed number or character ({@code "int"} for an Integer), else null. */
  public static String boxKey(Object o) {
    if (o instanceof Integer) {
      return "int";
    } else if (o instanceof Long) {
      return "long";
    } else if (o instanceof Double) {
      return "double";
    } else if (o instanceof Float) {
      return "float";
    } else if (o instanceof Short) {
      return "short";
    } else if (o instanceof Byte) {
      return "byte";
    } else if (o instanceof Character) {
      return "char";
    }
    return null;
  }
}
