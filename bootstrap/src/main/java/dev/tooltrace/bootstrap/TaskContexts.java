/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.bootstrap;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Carries the trace context from the thread that creates a task (a {@code FutureTask}, as every
 * {@code ExecutorService.submit} does) to the thread that runs it, without wrapping the task: the
 * application's queues, {@code shutdownNow()} lists and {@code remove()} calls see the very same
 * objects. Tasks are held weakly, and only when created inside a tracked call.
 */
public final class TaskContexts {
  private static final Map<Object, Object> CONTEXTS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private TaskContexts() {}

  /** Called when a task is created: remembers the creating thread's trace context, if any. */
  public static void capture(Object task) {
    Object c = Bridge.captureContext();
    if (c != null) {
      CONTEXTS.put(task, c);
    }
  }

  /** Called when a task starts running: makes its context current; returns a token or null. */
  public static Object attach(Object task) {
    if (CONTEXTS.isEmpty()) {
      return null;
    }
    Object c = CONTEXTS.remove(task);
    return c == null ? null : Bridge.attach(c);
  }

  public static void detach(Object token) {
    if (token != null) {
      Bridge.detach(token);
    }
  }
}
