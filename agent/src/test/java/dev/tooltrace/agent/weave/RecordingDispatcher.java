/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.weave;

import dev.tooltrace.bootstrap.Bridge;
import dev.tooltrace.bootstrap.Dispatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Dispatcher} that writes down every call the woven code makes, with the Bridge method's
 * kind letter ({@code argI}, {@code exitD}, ...) so that a test sees primitives arrive unboxed.
 * {@link Bridge} takes one dispatcher per JVM, so one instance is installed and tests switch its
 * mode; it can also decline every call (as the recorder does when disabled) or throw from every
 * method (an agent bug the application must never notice).
 */
final class RecordingDispatcher extends Dispatcher {
  enum Mode {
    RECORD,
    /** enter returns null: the recorder is off or re-entered. */
    DECLINE,
    /** enter works, then every other method throws. */
    THROW,
    /** enter itself throws. */
    THROW_ON_ENTER
  }

  static final RecordingDispatcher INSTANCE = new RecordingDispatcher();

  static {
    if (!Bridge.install(INSTANCE)) {
      throw new IllegalStateException(
          "another Dispatcher is installed in Bridge: weaving tests need their own");
    }
  }

  /** One call of the woven code into the bridge: the method, the frame it got and the value. */
  record Event(String method, Object frame, Object value) {
    @Override
    public String toString() {
      return method + (value == NONE ? "" : " " + value);
    }
  }

  static final Object NONE = new Object();

  private final List<Event> events = new ArrayList<>();
  private volatile Mode mode = Mode.RECORD;

  synchronized List<Event> take() {
    List<Event> out = List.copyOf(events);
    events.clear();
    return out;
  }

  void mode(Mode m) {
    mode = m;
  }

  private synchronized void add(String method, Object frame, Object value) {
    Mode m = mode;
    if (m == Mode.THROW_ON_ENTER || (m == Mode.THROW && !method.equals("enter"))) {
      throw new IllegalStateException("dispatcher failure in " + method);
    }
    events.add(new Event(method, frame, value));
  }

  @Override
  public Object enter(int toolId) {
    if (mode == Mode.DECLINE) {
      synchronized (this) {
        events.add(new Event("enter", null, toolId));
      }
      return null;
    }
    Object frame = new Object();
    add("enter", frame, toolId);
    return frame;
  }

  @Override
  public void begin(Object frame) {
    add("begin", frame, NONE);
  }

  @Override
  public void argZ(Object frame, boolean value) {
    add("argZ", frame, value);
  }

  @Override
  public void argI(Object frame, int value) {
    add("argI", frame, value);
  }

  @Override
  public void argJ(Object frame, long value) {
    add("argJ", frame, value);
  }

  @Override
  public void argD(Object frame, double value) {
    add("argD", frame, value);
  }

  @Override
  public void argL(Object frame, Object value) {
    add("argL", frame, value);
  }

  @Override
  public void exitV(Object frame) {
    add("exitV", frame, NONE);
  }

  @Override
  public void exitZ(Object frame, boolean value) {
    add("exitZ", frame, value);
  }

  @Override
  public void exitI(Object frame, int value) {
    add("exitI", frame, value);
  }

  @Override
  public void exitJ(Object frame, long value) {
    add("exitJ", frame, value);
  }

  @Override
  public void exitD(Object frame, double value) {
    add("exitD", frame, value);
  }

  @Override
  public void exitL(Object frame, Object value) {
    add("exitL", frame, value);
  }

  @Override
  public void exitThrown(Object frame, Throwable thrown) {
    add("exitThrown", frame, thrown);
  }

  @Override
  public void confidence(double confidence) {}

  @Override
  public String currentTraceId() {
    return "";
  }

  @Override
  public String currentSpanId() {
    return "";
  }

  @Override
  public Object captureContext() {
    return null;
  }

  @Override
  public Object attach(Object context) {
    return null;
  }

  @Override
  public void detach(Object token) {}
}
