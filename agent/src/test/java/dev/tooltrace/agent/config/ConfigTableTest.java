/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * README.md's configuration table is {@link Keys}, rendered: this fails when they drift. Run with
 * {@code -Dtooltrace.updateReadme=true} (see README.md) to rewrite the table from {@link Keys}
 * instead.
 */
class ConfigTableTest {
  static final String REGENERATE =
      "mvn -B -q -pl agent -am verify -Dtest=ConfigTableTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dtooltrace.updateReadme=true";

  /** The repository's README.md: surefire runs in the module directory. */
  private static Path readme() {
    Path p = Path.of("").toAbsolutePath().getParent().resolve("README.md");
    assertTrue(Files.isRegularFile(p), "README.md not found at " + p);
    return p;
  }

  @Test
  void readmeTableIsGeneratedFromKeys() throws Exception {
    Path file = readme();
    String readme = Files.readString(file, StandardCharsets.UTF_8);
    String expected = ConfigTable.markdown();
    if (Boolean.getBoolean("tooltrace.updateReadme")) {
      Files.writeString(file, ConfigTable.replace(readme, expected), StandardCharsets.UTF_8);
      readme = Files.readString(file, StandardCharsets.UTF_8);
    }
    String actual = ConfigTable.extract(readme);
    assertNotNull(actual, "README.md lacks the markers " + ConfigTable.BEGIN);
    assertEquals(
        expected,
        actual,
        "README.md's configuration table differs from Keys; regenerate it with: " + REGENERATE);
    assertTrue(readme.contains(REGENERATE), "README.md documents the regeneration command");
  }

  @Test
  void everyKeyIsDocumented() {
    for (Key<?> k : Keys.all().values()) {
      assertFalse(k.accepts().isBlank(), k.name() + ": accepts");
      assertFalse(k.description().isBlank(), k.name() + ": description");
      assertTrue(k.description().endsWith("."), k.name() + ": a sentence");
      assertTrue(k.name().matches("[a-z]+(\\.[a-z]+)*"), k.name());
    }
  }

  @Test
  void theTableEscapesPipesAndShowsEmptyDefaults() {
    String table = ConfigTable.markdown();
    assertEquals(2 + Keys.all().size(), table.lines().count());
    assertTrue(
        table.contains("| `redact.names` | regex | `(?i).*(password\\|passwd\\|"), "pipes escaped");
    assertTrue(table.contains("| `run.name` | text | *(empty)* |"), table);
    for (String row : table.lines().toList()) {
      assertEquals(6, row.replace("\\|", "").chars().filter(c -> c == '|').count(), row);
    }
  }

  @Test
  void replaceKeepsTheProseAround() {
    String doc = "before\n" + ConfigTable.BEGIN + "\nold\n" + ConfigTable.END + "\nafter\n";
    String updated = ConfigTable.replace(doc, "new\n");
    assertEquals(
        "before\n" + ConfigTable.BEGIN + "\nnew\n" + ConfigTable.END + "\nafter\n", updated);
    assertEquals("new\n", ConfigTable.extract(updated));
  }
}
