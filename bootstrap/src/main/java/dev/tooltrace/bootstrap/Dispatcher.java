/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.bootstrap;

/**
 * What the woven code talks to, implemented by the agent inside its isolated class loader.
 *
 * <p>This type lives on the bootstrap class path so that code woven into classes of any class
 * loader can reach it. Its signatures therefore use JDK types only. A "frame" is an opaque,
 * per-thread, reused object returned by {@link #enter}; {@code null} means "not recording this
 * call" and the woven code then makes no further calls for it.
 *
 * <p>Every method must never throw and must never let an exception of the application's objects (a
 * throwing {@code toString()}, say) escape: the woven advice additionally suppresses anything
 * thrown, but an implementation that throws would lose the record.
 */
public abstract class Dispatcher {

  /** Starts a call of the tool registered under {@code toolId}; returns its frame or null. */
  public abstract Object enter(int toolId);

  /** The arguments have been captured: the clock of the call starts now. */
  public abstract void begin(Object frame);

  public abstract void argZ(Object frame, boolean value);

  /** byte, char, short and int arguments; the tool's descriptor says which. */
  public abstract void argI(Object frame, int value);

  public abstract void argJ(Object frame, long value);

  /** float and double arguments. */
  public abstract void argD(Object frame, double value);

  public abstract void argL(Object frame, Object value);

  public abstract void exitV(Object frame);

  public abstract void exitZ(Object frame, boolean value);

  public abstract void exitI(Object frame, int value);

  public abstract void exitJ(Object frame, long value);

  public abstract void exitD(Object frame, double value);

  public abstract void exitL(Object frame, Object value);

  public abstract void exitThrown(Object frame, Throwable thrown);

  public abstract void confidence(double confidence);

  public abstract String currentTraceId();

  public abstract String currentSpanId();

  /** Captures the current trace context, to be attached on another thread; may return null. */
  public abstract Object captureContext();

  /** Makes {@code context} current on this thread; returns a token for {@link #detach}. */
  public abstract Object attach(Object context);

  public abstract void detach(Object token);
}
