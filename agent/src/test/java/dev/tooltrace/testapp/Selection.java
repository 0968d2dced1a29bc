/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.testapp;

import dev.tooltrace.Redacted;
import dev.tooltrace.Tracked;

/** Types whose methods {@code ToolSelectorTest} asks about; never loaded for weaving. */
public final class Selection {
  private Selection() {}

  /** Method-level annotations, with and without attributes, beside plain methods. */
  public static class Annotated {
    @Tracked(value = "loader", operation = "load", captureArguments = true)
    public String load(String path, @Redacted String password) {
      return path;
    }

    @Tracked
    String packagePrivate() {
      return "";
    }

    public String plain() {
      return "";
    }

    @Tracked
    @Redacted
    public String secret() {
      return "";
    }
  }

  /** A type-level annotation: its public methods, not Object's, not the non-public ones. */
  @Tracked(operation = "parse")
  public static class WholeType {
    public WholeType() {}

    public int parse(String s) {
      return s.length();
    }

    int hidden() {
      return 0;
    }

    @Override
    public String toString() {
      return "WholeType";
    }

    @Override
    public int hashCode() {
      return 1;
    }

    @Override
    public boolean equals(Object o) {
      return o == this;
    }
  }

  /** An enum annotated as a whole: values() and valueOf() are not tools. */
  @Tracked
  public enum Kind {
    A,
    B;

    public String label() {
      return name().toLowerCase();
    }
  }

  /** Abstract and interface methods have no body to weave. */
  public abstract static class Abstract {
    @Tracked
    public abstract int todo();
  }

  /** Selected only by configuration (include/exclude patterns). */
  public static class ByConfig {
    public int parseHeader(String s) {
      return s.length();
    }

    public int parseBody(String s) {
      return s.length();
    }

    public int render(String s) {
      return s.length();
    }

    @Tracked
    public int annotatedButExcluded() {
      return 0;
    }
  }
}
