/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/**
 * Canonical hash tags, hashes and previews of primitive (and boxed primitive) values. The agent
 * stores primitives raw; the reader derives hash and preview here, and the agent uses the same
 * functions for boxed values, so {@code int 5} and {@code Integer 5} hash alike.
 */
public final class PrimitiveValues {
  private PrimitiveValues() {}

  /** The canonical tag of a primitive or boxed type name, or 0 if it is neither. */
  public static char tag(String type) {
    switch (type) {
      case "boolean":
      case "java.lang.Boolean":
        return 'Z';
      case "byte":
      case "java.lang.Byte":
        return 'B';
      case "short":
      case "java.lang.Short":
        return 'S';
      case "char":
      case "java.lang.Character":
        return 'C';
      case "int":
      case "java.lang.Integer":
        return 'I';
      case "long":
      case "java.lang.Long":
        return 'J';
      case "float":
      case "java.lang.Float":
        return 'F';
      case "double":
      case "java.lang.Double":
        return 'D';
      default:
        return 0;
    }
  }

  /** Feeds an integral or boolean value (widened to long) into {@code h}. */
  public static void hashIntegral(ContentHasher h, char tag, long v) {
    h.putByte(tag).putLong(v);
  }

  /** Feeds a floating-point value into {@code h}; float values are hashed as float bits. */
  public static void hashFloating(ContentHasher h, char tag, double v) {
    long bits =
        tag == 'F' ? Float.floatToIntBits((float) v) & 0xFFFFFFFFL : Double.doubleToLongBits(v);
    h.putByte(tag).putLong(bits);
  }

  static String hashIntegral(char tag, long v) {
    ContentHasher h = new ContentHasher();
    hashIntegral(h, tag, v);
    return h.finish().hex();
  }

  static String hashFloating(char tag, double v) {
    ContentHasher h = new ContentHasher();
    hashFloating(h, tag, v);
    return h.finish().hex();
  }

  /** What {@code String.valueOf} gives for the value in its declared type. */
  static String previewIntegral(char tag, long v) {
    switch (tag) {
      case 'Z':
        return v != 0 ? "true" : "false";
      case 'C':
        return String.valueOf((char) v);
      default:
        return Long.toString(v);
    }
  }

  static String previewFloating(char tag, double v) {
    return tag == 'F' ? Float.toString((float) v) : Double.toString(v);
  }
}
