/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Configuration: precedence (agent argument, system property, environment, default), one problem
 * line per bad value or unknown key with the default used, and the value syntaxes.
 */
class ConfigTest {
  private static Config load(String args, Map<String, String> props, Map<String, String> env) {
    Properties p = new Properties();
    p.putAll(props);
    return Config.load(args, p, env);
  }

  @Test
  void everyDefaultIsValid() {
    Config c = load(null, Map.of(), Map.of());
    assertEquals(List.of(), c.problems());
    for (Key<?> k : Keys.all().values()) {
      assertEquals("default", c.sources().get(k.name()), k.name());
    }
    assertEquals("tooltrace-data", c.get(Keys.DIR));
    assertEquals(256, c.get(Keys.PREVIEW_CHARS));
    assertEquals(256L << 20, c.get(Keys.DISK_MIN_FREE));
    assertEquals(Duration.ofSeconds(10), c.get(Keys.SAMPLE_INTERVAL));
    assertEquals(List.of(), c.get(Keys.INCLUDE));
  }

  @Test
  void agentArgumentBeatsSystemPropertyBeatsEnvironmentBeatsDefault() {
    Map<String, String> env = Map.of("TOOLTRACE_DIR", "/env", "TOOLTRACE_RUN_NAME", "from-env");
    Map<String, String> props = Map.of("tooltrace.dir", "/prop", "tooltrace.run.name", "from-prop");

    Config all = load("dir=/arg", props, env);
    assertEquals("/arg", all.get(Keys.DIR));
    assertEquals("agent argument", all.sources().get("dir"));
    assertEquals("from-prop", all.get(Keys.RUN_NAME));
    assertEquals("system property tooltrace.run.name", all.sources().get("run.name"));

    Config noArg = load("", props, env);
    assertEquals("/prop", noArg.get(Keys.DIR));
    Config envOnly = load("", Map.of(), env);
    assertEquals("/env", envOnly.get(Keys.DIR));
    assertEquals("environment TOOLTRACE_DIR", envOnly.sources().get("dir"));
    assertEquals("from-env", envOnly.get(Keys.RUN_NAME));
    assertEquals(List.of(), all.problems());
  }

  @Test
  void environmentNamesAreUpperCaseWithUnderscores() {
    assertEquals("TOOLTRACE_CAPTURE_PREVIEW_CHARS", Keys.PREVIEW_CHARS.envName());
    Config c = load("", Map.of(), Map.of("TOOLTRACE_CAPTURE_PREVIEW_CHARS", "12"));
    assertEquals(12, c.get(Keys.PREVIEW_CHARS));
  }

  @Test
  void aBadValueIsOneLineNamingKeySourceAndWhatItAcceptsAndTheDefaultIsUsed() {
    Config c =
        load(
            "capture.preview.chars=lots",
            Map.of("tooltrace.export.batch.size", "0"),
            Map.of("TOOLTRACE_SAMPLE_INTERVAL", "-5s"));
    assertEquals(3, c.problems().size(), c.problems().toString());
    for (String p : c.problems()) {
      assertFalse(p.contains("\n"), p);
    }
    assertEquals(
        "invalid value 'lots' for configuration key 'capture.preview.chars' (agent argument):"
            + " expected an integer 0..65536; using the default '256'",
        c.problems().get(0));
    assertTrue(c.problems().get(1).contains("(system property tooltrace.export.batch.size)"));
    assertTrue(c.problems().get(2).contains("(environment TOOLTRACE_SAMPLE_INTERVAL)"));
    assertEquals(256, c.get(Keys.PREVIEW_CHARS));
    assertEquals(512, c.get(Keys.EXPORT_BATCH));
    assertEquals(Duration.ofSeconds(10), c.get(Keys.SAMPLE_INTERVAL));
    assertEquals("default", c.sources().get("capture.preview.chars"));
  }

  @Test
  void aBadAgentArgumentDoesNotFallBackToTheSystemProperty() {
    Config c = load("http.port=99999", Map.of("tooltrace.http.port", "1234"), Map.of());
    assertEquals(9464, c.get(Keys.HTTP_PORT), "the highest source was wrong: the default");
    assertEquals(1, c.problems().size());
  }

  @Test
  void unknownKeysAreReportedAndIgnored() {
    Config c =
        load(
            "dri=/typo,dir=/ok",
            Map.of("tooltrace.bogus", "1", "tooltrace.agent.started", "true"),
            Map.of("TOOLTRACE_NOT_A_KEY", "x"));
    assertEquals("/ok", c.get(Keys.DIR));
    assertEquals(2, c.problems().size(), c.problems().toString());
    assertTrue(
        c.problems().get(0).startsWith("unknown configuration key 'dri' in the agent arguments"),
        c.problems().get(0));
    assertTrue(c.problems().get(0).contains("known keys: enabled, dir, "), c.problems().get(0));
    assertEquals(
        "unknown configuration key 'bogus' in system property tooltrace.bogus (ignored)",
        c.problems().get(1));
  }

  @Test
  void agentArgumentsSplitOnCommasThatStartAKey() {
    Config c = load("noequals,run.tags=a,b;c,dir=/x", Map.of(), Map.of());
    assertEquals(List.of("a", "b", "c"), c.get(Keys.RUN_TAGS));
    assertEquals("/x", c.get(Keys.DIR));
    assertEquals(List.of("agent argument 'noequals' is not key=value (ignored)"), c.problems());
    Config continued = load("dir=/x,y", Map.of(), Map.of());
    assertEquals("/x,y", continued.get(Keys.DIR), "a piece without '=' continues the value");
  }

  @Test
  void patternsMustBeClassHashMethod() {
    Config ok = load("include=com.a.*#run;org.B#x", Map.of(), Map.of());
    assertEquals(List.of("com.a.*#run", "org.B#x"), ok.get(Keys.INCLUDE));
    for (String bad : new String[] {"com.a.B", "#m", "C#", "A#b#c"}) {
      Config c = load("include=" + bad, Map.of(), Map.of());
      assertEquals(1, c.problems().size(), bad);
      assertEquals(List.of(), c.get(Keys.INCLUDE));
    }
  }

  @Test
  void sizesDurationsAndChoices() {
    assertEquals(1024L, Keys.size("1KB"));
    assertEquals(10L << 30, Keys.size("10 GiB"));
    assertEquals(5L, Keys.size("5"));
    assertThrows(IllegalArgumentException.class, () -> Keys.size("-1MB"));
    assertThrows(NumberFormatException.class, () -> Keys.size("lots"));
    assertEquals(Duration.ofMillis(500), Keys.duration("500ms"));
    assertEquals(Duration.ofSeconds(10), Keys.duration("PT10S"));
    assertEquals(Duration.ofDays(1), Keys.duration("1d"));
    assertEquals(Duration.ofSeconds(7), Keys.duration("7"));
    assertThrows(IllegalArgumentException.class, () -> Keys.duration("-1s"));
    Config c =
        load("log.level=DEBUG,export=NONE,log.levels=export=debug;weave=warn", Map.of(), Map.of());
    assertEquals("debug", c.get(Keys.LOG_LEVEL));
    assertEquals("none", c.get(Keys.EXPORT));
    assertEquals(Map.of("export", "debug", "weave", "warn"), c.get(Keys.LOG_LEVELS));
    assertEquals(List.of(), c.problems());
    Config tooSmall = load("capture.hash.max.bytes=100", Map.of(), Map.of());
    assertEquals(1, tooSmall.problems().size(), "below the 1KB floor");
  }

  @Test
  void asTextListsEveryKeyForTheRunSnapshot() {
    Map<String, String> text = load("dir=/q", Map.of(), Map.of()).asText();
    assertEquals(Keys.all().keySet(), text.keySet());
    assertEquals("/q", text.get("dir"));
  }
}
