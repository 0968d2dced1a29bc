/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tooltrace.agent.log.AgentLog;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Makes trace context follow work handed to an {@code ExecutorService}: a {@code FutureTask}
 * created inside a tracked call remembers the call's context ({@link
 * dev.tooltrace.bootstrap.TaskContexts}), and the worker thread that runs it attaches it, so
 * tracked calls inside the task become children of the submitting call, in the same trace.
 *
 * <p>{@code FutureTask} is a JDK class that may already be loaded: it is retransformed, which the
 * advice allows because it adds no fields or methods.
 */
public final class ContextPropagation {
  private static final AgentLog.Component LOG = AgentLog.of("weave");

  private ContextPropagation() {}

  public static void install(Instrumentation inst) {
    try {
      new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
          .disableClassFormatChanges()
          .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
          .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
          .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
          .ignore(none())
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
          .installOn(inst);
    } catch (Throwable t) {
      LOG.warn("cannot install context propagation for executors: " + t);
    }
  }

  /** Constructor exit: remember the creating thread's context. */
  static final class Created {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object task) {
      dev.tooltrace.bootstrap.TaskContexts.capture(task);
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
