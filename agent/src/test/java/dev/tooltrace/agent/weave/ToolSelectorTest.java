/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.testapp.Selection;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

/** Which methods are tools: by annotation (method or type), by include pattern, never excluded. */
class ToolSelectorTest {
  private static final ToolSelector NO_PATTERNS =
      new ToolSelector(new MethodPatterns(List.of()), new MethodPatterns(List.of()));

  private static TypeDescription type(Class<?> c) {
    return TypeDescription.ForLoadedType.of(c);
  }

  private static MethodDescription method(Class<?> c, String name) {
    return type(c).getDeclaredMethods().filter(named(name)).getOnly();
  }

  private static ToolSelector.Selection select(ToolSelector s, Class<?> c, String name) {
    return s.select(type(c), method(c, name));
  }

  @Test
  void annotatedMethodWithItsAttributes() {
    ToolSelector.Selection s = select(NO_PATTERNS, Selection.Annotated.class, "load");
    assertNotNull(s);
    assertEquals("loader", s.value("value"));
    assertEquals("load", s.value("operation"));
    assertTrue(s.captureArguments());
    assertFalse(s.byConfig);
    ToolSelector.Selection defaults = select(NO_PATTERNS, Selection.Annotated.class, "secret");
    assertEquals("", defaults.value("value"));
    assertFalse(defaults.captureArguments());
  }

  @Test
  void anAnnotatedMethodNeedNotBePublicButAPlainOneIsNoTool() {
    assertNotNull(select(NO_PATTERNS, Selection.Annotated.class, "packagePrivate"));
    assertNull(select(NO_PATTERNS, Selection.Annotated.class, "plain"));
  }

  @Test
  void redactedIsFoundByNameOnParametersAndMethods() {
    MethodDescription load = method(Selection.Annotated.class, "load");
    assertFalse(ToolSelector.hasAnnotation(load.getParameters().get(0), ToolSelector.REDACTED));
    assertTrue(ToolSelector.hasAnnotation(load.getParameters().get(1), ToolSelector.REDACTED));
    assertTrue(
        ToolSelector.hasAnnotation(
            method(Selection.Annotated.class, "secret"), ToolSelector.REDACTED));
  }

  @Test
  void typeAnnotationSelectsItsPublicMethodsButNotObjectsOrHiddenOnes() {
    ToolSelector.Selection parse = select(NO_PATTERNS, Selection.WholeType.class, "parse");
    assertNotNull(parse);
    assertEquals("parse", parse.value("operation"), "the type's annotation supplies attributes");
    for (String notATool : new String[] {"hidden", "toString", "hashCode", "equals"}) {
      assertNull(select(NO_PATTERNS, Selection.WholeType.class, notATool), notATool);
    }
    MethodDescription constructor =
        type(Selection.WholeType.class)
            .getDeclaredMethods()
            .filter(m -> m.isConstructor())
            .getOnly();
    assertNull(NO_PATTERNS.select(type(Selection.WholeType.class), constructor));
  }

  @Test
  void annotatedEnumLeavesItsGeneratedMethodsAlone() {
    assertNotNull(select(NO_PATTERNS, Selection.Kind.class, "label"));
    assertNull(select(NO_PATTERNS, Selection.Kind.class, "values"));
    assertNull(select(NO_PATTERNS, Selection.Kind.class, "valueOf"));
  }

  @Test
  void abstractMethodsAreNeverTools() {
    assertNull(select(NO_PATTERNS, Selection.Abstract.class, "todo"));
  }

  @Test
  void includeSelectsByNameAndExcludeWinsOverEverything() {
    String cls = Selection.ByConfig.class.getName();
    ToolSelector s =
        new ToolSelector(
            new MethodPatterns(List.of(cls + "#parse*", cls + "#render")),
            new MethodPatterns(List.of(cls + "#parseBody", cls + "#annotated*")));
    ToolSelector.Selection header = select(s, Selection.ByConfig.class, "parseHeader");
    assertNotNull(header);
    assertTrue(header.byConfig);
    assertEquals("", header.value("value"), "no annotation: no attributes");
    assertNotNull(select(s, Selection.ByConfig.class, "render"));
    assertNull(select(s, Selection.ByConfig.class, "parseBody"), "excluded although included");
    assertNull(
        select(s, Selection.ByConfig.class, "annotatedButExcluded"), "excluded although annotated");
    assertNotNull(
        select(NO_PATTERNS, Selection.ByConfig.class, "annotatedButExcluded"),
        "annotated and not excluded");
  }

  @Test
  void theClassPrefilterAsksOnlyTheIncludePatterns() {
    ToolSelector s =
        new ToolSelector(
            new MethodPatterns(List.of("org.lib.*#parse")),
            new MethodPatterns(List.of("org.lib.Skip#*")));
    assertTrue(s.mayMatchByName("org.lib.Reader"));
    assertTrue(s.mayMatchByName("org.lib.Skip"), "exclusion is decided per method later");
    assertFalse(s.mayMatchByName("com.app.Main"));
    assertFalse(NO_PATTERNS.mayMatchByName("org.lib.Reader"));
  }
}
