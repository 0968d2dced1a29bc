/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.bootstrap;

/**
 * The static facade the woven code calls. The agent installs its {@link Dispatcher} once, at
 * start-up; until then (and without the agent) every call is a cheap no-op.
 *
 * <p>Kept deliberately tiny so that the JIT inlines each method into the woven code: one volatile
 * read and a null check when the agent is absent or disabled.
 */
public final class Bridge {

  private static volatile Dispatcher dispatcher;

  private Bridge() {}

  /** Installs the agent's dispatcher. Called once by the agent; later calls are ignored. */
  public static synchronized boolean install(Dispatcher d) {
    if (dispatcher != null) {
      return false;
    }
    dispatcher = d;
    return true;
  }

  public static boolean isActive() {
    return dispatcher != null;
  }

  public static Object enter(int toolId) {
    Dispatcher d = dispatcher;
    return d == null ? null : d.enter(toolId);
  }

  public static void begin(Object frame) {
    dispatcher.begin(frame);
  }

  public static void argZ(Object frame, boolean v) {
    dispatcher.argZ(frame, v);
  }

  public static void argI(Object frame, int v) {
    dispatcher.argI(frame, v);
  }

  public static void argJ(Object frame, long v) {
    dispatcher.argJ(frame, v);
  }

  public static void argD(Object frame, double v) {
    dispatcher.argD(frame, v);
  }

  public static void argL(Object frame, Object v) {
    dispatcher.argL(frame, v);
  }

  public static void exitV(Object frame) {
    dispatcher.exitV(frame);
  }

  public static void exitZ(Object frame, boolean v) {
    dispatcher.exitZ(frame, v);
  }

  public static void exitI(Object frame, int v) {
    dispatcher.exitI(frame, v);
  }

  public static void exitJ(Object frame, long v) {
    dispatcher.exitJ(frame, v);
  }

  public static void exitD(Object frame, double v) {
    dispatcher.exitD(frame, v);
  }

  public static void exitL(Object frame, Object v) {
    dispatcher.exitL(frame, v);
  }

  public static void exitThrown(Object frame, Throwable t) {
    dispatcher.exitThrown(frame, t);
  }

  public static void confidence(double c) {
    Dispatcher d = dispatcher;
    if (d != null) {
      d.confidence(c);
    }
  }

  public static String currentTraceId() {
    Dispatcher d = dispatcher;
    return d == null ? "" : d.currentTraceId();
  }

  public static String currentSpanId() {
    Dispatcher d = dispatcher;
    return d == null ? "" : d.currentSpanId();
  }

  public static Object captureContext() {
    Dispatcher d = dispatcher;
    return d == null ? null : d.captureContext();
  }

  public static Object attach(Object context) {
    Dispatcher d = dispatcher;
    return d == null || context == null ? null : d.attach(context);
  }

  public static void detach(Object token) {
    Dispatcher d = dispatcher;
    if (d != null && token != null) {
      d.detach(token);
    }
  }
}
