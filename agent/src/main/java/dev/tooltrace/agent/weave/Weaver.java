/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import dev.tooltrace.agent.log.AgentLog;
import dev.tooltrace.agent.recording.ToolInfo;
import dev.tooltrace.agent.recording.ToolRegistry;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ToolBlock;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the weaving: Byte Buddy's {@link AgentBuilder} behind a cheap pre-filter that hands a
 * class to Byte Buddy only if its bytes mention {@code dev/tooltrace/Tracked} or its name matches
 * an include pattern — so start-up does not parse every class the JVM loads.
 *
 * <p>Two steps, so that premain stays short: {@link #install} registers the pre-filter (no Byte
 * Buddy class is loaded yet); {@link #build} (on a background thread, while the application starts)
 * builds the Byte Buddy transformer, and {@link #release} hands it to the pre-filter. A class that
 * may hold a tool and loads before that waits for it (at most {@link #BUILD_WAIT_SECONDS}); every
 * other class passes straight through.
 */
public final class Weaver {
  private static final AgentLog.Component LOG = AgentLog.of("weave");
  private static final byte[] TRACKED_DESC =
      "Ldev/tooltrace/Tracked;".getBytes(StandardCharsets.US_ASCII);

  private final ToolSelector selector;
  private final Pattern redactNames;
  private final Predicate<String> captureArgs;
  private final Predicate<String> captureCost;
  private final Predicate<String> captureHash;

  private static final ClassLoader AGENT_LOADER = Weaver.class.getClassLoader();

  /** How long a class that may hold a tool waits for {@link #release}; then it runs untracked. */
  static final long BUILD_WAIT_SECONDS = 60;

  private ClassFileLocator agentLocator;
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile ClassFileTransformer byteBuddy;

  public Weaver(
      List<String> include, List<String> exclude, Pattern redactNames, String captureArgs) {
    this(include, exclude, redactNames, captureArgs, "false", "");
  }

  /**
   * @param captureCost {@code capture.cost}: true, false or tool-name patterns, read like {@code
   *     capture.args}
   * @param captureHash {@code capture.hash}: tool names, or {@code tool#param} ({@code param} a
   *     parameter name or {@code return}), whose values are always hashed exactly
   */
  public Weaver(
      List<String> include,
      List<String> exclude,
      Pattern redactNames,
      String captureArgs,
      String captureCost,
      String captureHash) {
    this.selector = new ToolSelector(new MethodPatterns(include), new MethodPatterns(exclude));
    this.redactNames = redactNames;
    this.captureArgs = CaptureRule.parse(captureArgs);
    this.captureCost = CaptureRule.parse(captureCost);
    this.captureHash = CaptureRule.parse(captureHash);
  }

  /**
   * Which values of a tool {@code capture.hash} selects: index {@code i} for parameter {@code i},
   * {@code names.size()} for the return value. A pattern without '#' selects all of the tool's.
   */
  private boolean[] hashExact(String tool, List<String> names) {
    boolean[] r = new boolean[names.size() + 1];
    boolean whole = captureHash.test(tool);
    for (int i = 0; i <= names.size(); i++) {
      String key = i == names.size() ? "return" : names.get(i);
      r[i] = whole || captureHash.test(tool + "#" + key);
    }
    return r;
  }

  /**
   * Adds the weaving transformer to {@code inst} (classes loaded from now on), built now; returns
   * it, so that an in-process test can remove it again.
   */
  public ClassFileTransformer install(Instrumentation inst) {
    ClassFileTransformer filtered = installDeferred(inst);
    release(build());
    return filtered;
  }

  /**
   * Registers the pre-filter only: classes that may hold a tool wait for {@link #release} (the
   * agent builds the transformer on a background thread meanwhile). Returns the pre-filter.
   */
  public ClassFileTransformer installDeferred(Instrumentation inst) {
    ClassFileTransformer filtered = new PreFilter();
    inst.addTransformer(filtered, false);
    return filtered;
  }

  /** Builds the Byte Buddy transformer (slow: loads Byte Buddy); hand it over with release. */
  public ClassFileTransformer build() {
    agentLocator = ClassFileLocator.ForClassLoader.of(Advice.class.getClassLoader());
    return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.DISABLED)
        .with(AgentBuilder.PoolStrategy.Default.FAST)
        .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
        .with(new ErrorListener())
        .ignore(
            nameStartsWith("dev.tooltrace.agent.")
                .or(nameStartsWith("dev.tooltrace.bootstrap."))
                .or(nameStartsWith("net.bytebuddy."))
                .or(nameStartsWith("java."))
                .or(nameStartsWith("jdk."))
                .or(nameStartsWith("sun."))
                .or(nameStartsWith("com.sun."))
                .or(isSynthetic()))
        .type(candidateType())
        .transform(this::transform)
        .makeRaw();
  }

  /**
   * Lets classes that may hold a tool through to {@code transformer} (null: the weaving could not
   * be built; they load untracked).
   */
  public void release(ClassFileTransformer transformer) {
    byteBuddy = transformer;
    released.countDown();
  }

  /** The Byte Buddy transformer once released, or null (not built, or it failed). */
  private ClassFileTransformer byteBuddy(String className) {
    try {
      if (!released.await(BUILD_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn(
            "weaving was not ready after "
                + BUILD_WAIT_SECONDS
                + " s; "
                + className.replace('/', '.')
                + " runs untracked");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return byteBuddy;
  }

  private ElementMatcher<TypeDescription> candidateType() {
    return type -> {
      for (MethodDescription m : type.getDeclaredMethods()) {
        if (selector.select(type, m) != null) {
          return true;
        }
      }
      return false;
    };
  }

  private DynamicType.Builder<?> transform(
      DynamicType.Builder<?> builder,
      TypeDescription type,
      ClassLoader loader,
      JavaModule module,
      ProtectionDomain pd) {
    for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
      ToolSelector.Selection sel = selector.select(type, m);
      if (sel == null) {
        continue;
      }
      try {
        int id = ToolRegistry.reserveId();
        ToolInfo info = describe(id, type, m, sel);
        byte[] template = AdviceGenerator.generate(id, m);
        String name = AdviceGenerator.templateName(id);
        ClassFileLocator locator =
            new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, template), agentLocator);
        TypeDescription adviceType = TypePool.Default.of(locator).describe(name).resolve();
        builder = builder.visit(Advice.to(adviceType, locator).on(is(m)));
        ToolRegistry.register(info);
        LOG.debug(
            "tracking "
                + type.getName()
                + "#"
                + m.getName()
                + m.getDescriptor()
                + " as '"
                + info.name()
                + "'");
      } catch (Throwable t) {
        LOG.warn(
            "cannot track "
                + type.getName()
                + "#"
                + m.getName()
                + ": "
                + t
                + "; the method runs untracked");
      }
    }
    return builder;
  }

  private ToolInfo describe(
      int id, TypeDescription type, MethodDescription m, ToolSelector.Selection sel) {
    String tool = sel.value("value");
    if (tool.isEmpty()) {
      tool = simpleName(type) + "." + m.getName();
    }
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    boolean[] redacted = new boolean[m.getParameters().size()];
    for (ParameterDescription p : m.getParameters()) {
      names.add(p.getName());
      types.add(p.getType().asErasure().getTypeName());
      redacted[p.getIndex()] =
          ToolSelector.hasAnnotation(p, ToolSelector.REDACTED)
              || (p.isNamed() && redactNames.matcher(p.getName()).matches());
    }
    boolean redactReturn = ToolSelector.hasAnnotation(m, ToolSelector.REDACTED);
    ToolBlock block =
        new ToolBlock(
            id,
            tool,
            sel.value("operation"),
            type.getName(),
            m.getName(),
            m.getDescriptor(),
            names,
            types,
            m.getReturnType().asErasure().getTypeName());
    boolean capture = sel.captureArguments() || captureArgs.test(tool);
    int flags = sel.byConfig ? RecordFormat.FLAG_BY_CONFIG : 0;
    return new ToolInfo(
        block,
        redacted,
        redactReturn,
        capture,
        flags,
        hashExact(tool, names),
        captureCost.test(tool));
  }

  private static String simpleName(TypeDescription type) {
    String n = type.getSimpleName();
    if (n == null || n.isEmpty()) {
      String full = type.getName();
      n = full.substring(full.lastIndexOf('.') + 1);
    }
    return n;
  }

  /** Skips Byte Buddy for classes that cannot hold a tool (the vast majority). */
  private final class PreFilter implements ClassFileTransformer {
    @Override
    public byte[] transform(
        ClassLoader loader,
        String className,
        Class<?> redefined,
        ProtectionDomain pd,
        byte[] bytes) {
      try {
        if (!mayHoldTool(loader, className, bytes)) {
          return null;
        }
        ClassFileTransformer delegate = byteBuddy(className);
        return delegate == null
            ? null
            : delegate.transform(loader, className, redefined, pd, bytes);
      } catch (Throwable t) {
        LOG.warn("weaving " + className + " failed: " + t + "; the class runs untracked");
        return null;
      }
    }

    @Override
    public byte[] transform(
        Module module,
        ClassLoader loader,
        String className,
        Class<?> redefined,
        ProtectionDomain pd,
        byte[] bytes) {
      try {
        if (!mayHoldTool(loader, className, bytes)) {
          return null;
        }
        ClassFileTransformer delegate = byteBuddy(className);
        return delegate == null
            ? null
            : delegate.transform(module, loader, className, redefined, pd, bytes);
      } catch (Throwable t) {
        LOG.warn("weaving " + className + " failed: " + t + "; the class runs untracked");
        return null;
      }
    }
  }

  /**
   * Whether a class may hold a tool: not one of the agent's own (its isolated loader: Byte Buddy,
   * Chronicle, OpenTelemetry, thousands of classes at start-up) or the JDK's, and its bytes mention
   * {@code @Tracked} or its name matches an include pattern.
   */
  private boolean mayHoldTool(ClassLoader loader, String className, byte[] bytes) {
    return loader != AGENT_LOADER
        && bytes != null
        && className != null
        && !(loader == null && isJdk(className))
        && (contains(bytes, TRACKED_DESC) || selector.mayMatchByName(className.replace('/', '.')));
  }

  private static boolean isJdk(String internalName) {
    return internalName.startsWith("java/")
        || internalName.startsWith("jdk/")
        || internalName.startsWith("sun/")
        || internalName.startsWith("com/sun/");
  }

  static boolean contains(byte[] hay, byte[] needle) {
    byte first = needle[0];
    int max = hay.length - needle.length;
    outer:
    for (int i = 0; i <= max; i++) {
      if (hay[i] != first) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** Reports weaving errors as one line each; the class is then loaded untracked. */
  private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(
        String typeName,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        Throwable throwable) {
      LOG.warn("cannot weave " + typeName + ": " + throwable + "; the class runs untracked");
    }
  }
}
