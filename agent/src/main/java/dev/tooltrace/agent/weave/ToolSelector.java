/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.weave;

import java.util.Set;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Decides which methods are tools: annotated {@code @Tracked}, declared public by a type annotated
 * {@code @Tracked}, or selected by an include pattern — and not excluded. Annotations are matched
 * by name, never by class literal: the application's copy of the bootstrap classes and the agent's
 * must never need to be the same {@code Class}.
 */
final class ToolSelector {
  static final String TRACKED = "dev.tooltrace.Tracked";
  static final String REDACTED = "dev.tooltrace.Redacted";
  private static final Set<String> OBJECT_METHODS = Set.of("toString", "hashCode", "equals");

  private final MethodPatterns include;
  private final MethodPatterns exclude;

  ToolSelector(MethodPatterns include, MethodPatterns exclude) {
    this.include = include;
    this.exclude = exclude;
  }

  static AnnotationDescription tracked(
      net.bytebuddy.description.annotation.AnnotationSource source) {
    for (AnnotationDescription a : source.getDeclaredAnnotations()) {
      if (a.getAnnotationType().getName().equals(TRACKED)) {
        return a;
      }
    }
    return null;
  }

  static boolean hasAnnotation(
      net.bytebuddy.description.annotation.AnnotationSource source, String name) {
    for (AnnotationDescription a : source.getDeclaredAnnotations()) {
      if (a.getAnnotationType().getName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Why {@code m} of {@code type} is a tool: its annotation, the type's, or null if not a tool. */
  Selection select(TypeDescription type, MethodDescription m) {
    if (m.isConstructor()
        || m.isTypeInitializer()
        || m.isAbstract()
        || m.isNative()
        || m.isBridge()
        || m.isSynthetic()) {
      return null;
    }
    if (exclude.matches(type.getName(), m.getName())) {
      return null;
    }
    AnnotationDescription onMethod = tracked(m);
    if (onMethod != null) {
      return new Selection(onMethod, false);
    }
    AnnotationDescription onType = tracked(type);
    if (onType != null
        && m.isPublic()
        && !OBJECT_METHODS.contains(m.getName())
        && !(type.isEnum() && (m.getName().equals("values") || m.getName().equals("valueOf")))) {
      return new Selection(onType, false);
    }
    if (include.matches(type.getName(), m.getName())) {
      return new Selection(null, true);
    }
    return null;
  }

  boolean mayMatchByName(String className) {
    return include.matchesClass(className);
  }

  /** A selected method with the annotation that selected it (null when by configuration). */
  static final class Selection {
    final AnnotationDescription tracked;
    final boolean byConfig;

    Selection(AnnotationDescription tracked, boolean byConfig) {
      this.tracked = tracked;
      this.byConfig = byConfig;
    }

    String value(String name) {
      if (tracked == null) {
        return "";
      }
      Object v = tracked.getValue(name).resolve();
      return v instanceof String ? (String) v : "";
    }

    boolean captureArguments() {
      if (tracked == null) {
        return false;
      }
      Object v = tracked.getValue("captureArguments").resolve();
      return Boolean.TRUE.equals(v);
    }
  }
}
