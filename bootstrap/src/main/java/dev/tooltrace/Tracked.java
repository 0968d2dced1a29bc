/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a "tool" of a pipeline: a loader, parser, extractor or model call whose every invocation
 * the tooltrace agent records. On a type it tracks every public method declared by that type.
 *
 * <p>Without the agent this annotation has no effect at all: nothing reads it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Tracked {

  /** The tool name; defaults to {@code SimpleClassName.method}. */
  String value() default "";

  /**
   * What kind of operation the tool performs, e.g. {@code load}, {@code parse}, {@code extract},
   * {@code model}. Free text; exported as the {@code tooltrace.operation} attribute.
   */
  String operation() default "";

  /**
   * Records the arguments in full (not only their hash and preview) so that the call can be
   * replayed later with {@code tooltrace replay}. Off by default: full capture costs time and disk.
   * Can also be switched on by configuration ({@code capture.args}).
   */
  boolean captureArguments() default false;
}
