/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.bootstrap;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;

/**
 * Carries the trace context from the thread that creates or submits a task to the thread that runs
 * it, without wrapping the task: the application's queues, {@code shutdownNow()} lists and {@code
 * remove()} calls see the very same objects. Tasks are held weakly and by identity (a task's own
 * {@code equals}/{@code hashCode} are never called), and only when created inside a tracked call.
 *
 * <p>Three ways in, woven into the JDK by the agent's {@code ContextPropagation}: a {@code
 * FutureTask} or {@code ForkJoinTask} captures at construction and attaches around {@code run} /
 * {@code doExec}; a plain {@code Runnable} given to {@code ThreadPoolExecutor.execute} captures
 * there and attaches between {@code beforeExecute} and {@code afterExecute}.
 */
public final class TaskContexts {
  private static final Object LOCK = new Object();
  private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();
  private static final HashMap<Object, Object> CONTEXTS = new HashMap<>();
  private static volatile int size;

  /** The token of the task a pool worker is running (between beforeExecute and afterExecute). */
  private static final ThreadLocal<Object> WORKER_TOKEN = new ThreadLocal<>();

  private TaskContexts() {}

  /** Called when a task is created or submitted: remembers the thread's trace context, if any. */
  public static void capture(Object task) {
    Object c = Bridge.captureContext();
    if (c != null) {
      synchronized (LOCK) {
        expunge();
        CONTEXTS.put(new TaskKey(task, COLLECTED), c);
        size = CONTEXTS.size();
      }
    }
  }

  /** Called when a task starts running: makes its context current; returns a token or null. */
  public static Object attach(Object task) {
    if (size == 0) {
      return null;
    }
    Object c;
    synchronized (LOCK) {
      c = CONTEXTS.remove(new Probe(task));
      size = CONTEXTS.size();
    }
    return c == null ? null : Bridge.attach(c);
  }

  public static void detach(Object token) {
    if (token != null) {
      Bridge.detach(token);
    }
  }

  /** {@code ThreadPoolExecutor.beforeExecute}: attach until {@link #afterExecute}. */
  public static void beforeExecute(Object task) {
    Object stale = WORKER_TOKEN.get();
    if (stale != null) {
      // An afterExecute override that did not call super: do not leak into this task.
      WORKER_TOKEN.remove();
      detach(stale);
    }
    Object token = attach(task);
    if (token != null) {
      WORKER_TOKEN.set(token);
    }
  }

  /** {@code ThreadPoolExecutor.afterExecute}. */
  public static void afterExecute() {
    Object token = WORKER_TOKEN.get();
    if (token != null) {
      WORKER_TOKEN.remove();
      detach(token);
    }
  }

  private static void expunge() {
    Object k;
    while ((k = COLLECTED.poll()) != null) {
      CONTEXTS.remove(k);
    }
  }

  /** Something whose identity is a task: a stored weak key or a lookup probe. */
  private interface Identity {
    Object task();
  }

  private static boolean sameTask(Identity a, Object b) {
    if (a == b) {
      return true;
    }
    if (!(b instanceof Identity)) {
      return false;
    }
    Object t = a.task();
    return t != null && t == ((Identity) b).task();
  }

  private static final class TaskKey extends WeakReference<Object> implements Identity {
    private final int hash;

    TaskKey(Object task, ReferenceQueue<Object> queue) {
      super(task, queue);
      hash = System.identityHashCode(task);
    }

    @Override
    public Object task() {
      return get();
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return sameTask(this, o);
    }
  }

  private static final class Probe implements Identity {
    private final Object task;

    Probe(Object task) {
      this.task = task;
    }

    @Override
    public Object task() {
      return task;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(task);
    }

    @Override
    public boolean equals(Object o) {
      return sameTask(this, o);
    }
  }
}
