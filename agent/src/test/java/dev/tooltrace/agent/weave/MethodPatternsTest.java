/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.weave;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The glob dialect of include, exclude and capture.args, and method patterns built on it. */
class MethodPatternsTest {
  @Test
  void starMatchesAnyRunIncludingDotsAndDollars() {
    assertTrue(Globs.compile("org.lib.*").matcher("org.lib.a.b.C$Inner").matches());
    assertTrue(Globs.compile("*").matcher("").matches());
    assertTrue(Globs.compile("*Parser").matcher("com.x.CsvParser").matches());
    assertTrue(Globs.compile("parse*").matcher("parse").matches());
    assertTrue(Globs.compile("a*b*c").matcher("a.xx.b.yy.c").matches());
    assertFalse(Globs.compile("a*b*c").matcher("a.xx.c").matches());
    assertFalse(Globs.compile("org.lib.*").matcher("org.library.X").matches());
  }

  @Test
  void everyOtherCharacterIsLiteral() {
    assertFalse(Globs.compile("a.b").matcher("aXb").matches(), "a dot is a dot");
    assertTrue(Globs.compile("Outer$Inner").matcher("Outer$Inner").matches());
    assertTrue(Globs.compile("x+(y)?[z]\\E").matcher("x+(y)?[z]\\E").matches());
    assertFalse(Globs.compile("x+").matcher("xx").matches());
    assertFalse(Globs.compile("Foo").matcher("Foobar").matches(), "the whole name must match");
  }

  @Test
  void methodPatternsMatchClassAndMethodSeparately() {
    MethodPatterns p = new MethodPatterns(List.of("com.example.Foo#bar", "org.lib.*#parse*"));
    assertTrue(p.matches("com.example.Foo", "bar"));
    assertFalse(p.matches("com.example.Foo", "barx"));
    assertFalse(p.matches("com.example.FooBar", "bar"));
    assertTrue(p.matches("org.lib.csv.Reader", "parseLine"));
    assertFalse(p.matches("org.lib.csv.Reader", "read"));
    assertFalse(p.matches("com.example.Foo", "parseLine"), "halves are not mixed across patterns");
    assertTrue(p.matchesClass("org.lib.csv.Reader"));
    assertFalse(p.matchesClass("org.other.Reader"));
    assertFalse(p.isEmpty());
    assertTrue(new MethodPatterns(List.of()).isEmpty());
    assertFalse(new MethodPatterns(List.of()).matches("any", "thing"));
  }

  @Test
  void captureRuleIsNoneAllOrToolNameGlobs() {
    for (String none : new String[] {null, "", "  ", "false", "FALSE"}) {
      assertFalse(CaptureRule.parse(none).test("loader"), String.valueOf(none));
    }
    for (String all : new String[] {"true", "True", "*"}) {
      assertTrue(CaptureRule.parse(all).test("anything at all"), all);
    }
    Predicate<String> some = CaptureRule.parse("Csv*; model.predict ,Loader.load");
    assertTrue(some.test("CsvParser.parse"));
    assertTrue(some.test("model.predict"));
    assertTrue(some.test("Loader.load"));
    assertFalse(some.test("modelXpredict"));
    assertFalse(some.test("Json.parse"));
  }
}
