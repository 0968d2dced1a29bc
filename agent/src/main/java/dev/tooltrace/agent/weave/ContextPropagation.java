/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tooltrace.agent.log.AgentLog;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Makes trace context follow work handed to other threads: a {@code FutureTask} (every {@code
 * ExecutorService.submit}), a {@code ForkJoinTask} (the common pool, {@code
 * CompletableFuture.supplyAsync}/{@code runAsync}/{@code then*Async}, parallel streams) or a plain
 * {@code Runnable} given to a {@code ThreadPoolExecutor} remembers the context of the tracked call
 * that created or submitted it ({@link dev.tooltrace.bootstrap.TaskContexts}), and the thread that
 * runs it attaches that context, so tracked calls inside the task become children of that call, in
 * the same trace.
 *
 * <p>These JDK classes are already loaded: they are retransformed, which the advice allows because
 * it adds no fields or methods. Not covered: {@code new Thread(r).start()}, virtual threads started
 * directly, and executors that are not {@code ThreadPoolExecutor}s running a plain {@code Runnable}
 * (their {@code submit} still works, through {@code FutureTask}).
 */
public final class ContextPropagation {
  private static final AgentLog.Component LOG = AgentLog.of("weave");

  private ContextPropagation() {}

  public static void install(Instrumentation inst) {
    try {
      new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
          .disableClassFormatChanges()
          .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
          // Only these classes are retransformed (not every class loaded so far), and every class
          // loaded later outside java.util.concurrent is passed over by name alone.
          .with(new AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Explicit(targets()))
          .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
          .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
          .ignore(not(nameStartsWith("java.util.concurrent.")))
          .with(
              new AgentBuilder.Listener.Adapter() {
                @Override
                public void onError(
                    String typeName,
                    ClassLoader loader,
                    JavaModule module,
                    boolean loaded,
                    Throwable t) {
                  LOG.warn(
                      "cannot instrument "
                          + typeName
                          + " for context propagation: "
                          + t
                          + "; executor tasks start new traces");
                }
              })
          .type(named("java.util.concurrent.FutureTask"))
          .transform(
              (builder, type, loader, module, pd) ->
                  builder
                      .visit(Advice.to(Created.class).on(isConstructor()))
                      .visit(Advice.to(Run.class).on(named("run").and(takesArguments(0)))))
          // ForkJoinPool work: CompletableFuture.*Async on the common pool, parallel streams,
          // RecursiveTask/Action. Tasks forked inside a task inherit through the attached context.
          .type(named("java.util.concurrent.ForkJoinTask"))
          .transform(
              (builder, type, loader, module, pd) ->
                  builder
                      .visit(Advice.to(Created.class).on(isConstructor()))
                      .visit(Advice.to(Run.class).on(named("doExec").and(takesArguments(0)))))
          // The same CompletableFuture tasks handed to an Executor run through run(), not doExec.
          .type(
              named("java.util.concurrent.CompletableFuture$AsyncSupply")
                  .or(named("java.util.concurrent.CompletableFuture$AsyncRun"))
                  .or(named("java.util.concurrent.CompletableFuture$Completion")))
          .transform(
              (builder, type, loader, module, pd) ->
                  builder.visit(Advice.to(Run.class).on(named("run").and(takesArguments(0)))))
          // A plain Runnable given to ThreadPoolExecutor.execute (FutureTasks are covered above).
          .type(named("java.util.concurrent.ThreadPoolExecutor"))
          .transform(
              (builder, type, loader, module, pd) ->
                  builder
                      .visit(
                          Advice.to(Execute.class)
                              .on(named("execute").and(takesArguments(Runnable.class))))
                      .visit(Advice.to(BeforeExecute.class).on(named("beforeExecute")))
                      .visit(Advice.to(AfterExecute.class).on(named("afterExecute"))))
          .installOn(inst);
    } catch (Throwable t) {
      LOG.warn("cannot install context propagation for executors: " + t);
    }
  }

  /** The JDK classes the advice goes into (loaded now if they are not yet: they are tiny). */
  private static Class<?>[] targets() {
    java.util.List<Class<?>> out = new java.util.ArrayList<>();
    for (String name :
        new String[] {
          "java.util.concurrent.FutureTask",
          "java.util.concurrent.ForkJoinTask",
          "java.util.concurrent.CompletableFuture$AsyncSupply",
          "java.util.concurrent.CompletableFuture$AsyncRun",
          "java.util.concurrent.CompletableFuture$Completion",
          "java.util.concurrent.ThreadPoolExecutor"
        }) {
      try {
        out.add(Class.forName(name, false, null));
      } catch (ClassNotFoundException | LinkageError e) {
        LOG.debug("no " + name + " to instrument for context propagation: " + e);
      }
    }
    return out.toArray(new Class<?>[0]);
  }

  /** Constructor exit: remember the creating thread's context. */
  static final class Created {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object task) {
      dev.tooltrace.bootstrap.TaskContexts.capture(task);
    }
  }

  /** ThreadPoolExecutor.execute(Runnable): remember the submitting thread's context. */
  static final class Execute {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Runnable command) {
      if (command != null) {
        dev.tooltrace.bootstrap.TaskContexts.capture(command);
      }
    }
  }

  /** ThreadPoolExecutor.beforeExecute(Thread, Runnable), on the worker: attach. */
  static final class BeforeExecute {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(1) Runnable task) {
      dev.tooltrace.bootstrap.TaskContexts.beforeExecute(task);
    }
  }

  /** ThreadPoolExecutor.afterExecute(Runnable, Throwable), on the worker: detach. */
  static final class AfterExecute {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit() {
      dev.tooltrace.bootstrap.TaskContexts.afterExecute();
    }
  }

  /** run(): attach the remembered context for the duration of the task. */
  static final class Run {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.This Object task) {
      return dev.tooltrace.bootstrap.TaskContexts.attach(task);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object token) {
      dev.tooltrace.bootstrap.TaskContexts.detach(token);
    }
  }
}
