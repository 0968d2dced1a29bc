/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CaptureWriterTest {
  private final CaptureWriter w =
      new CaptureWriter(1024, Pattern.compile("(?i).*(password|secret|token).*"));

  enum Color {
    RED
  }

  record Point(int x, double y, Color c) {}

  record Creds(String user, String apiToken) {}

  /** A simple bean: no-arg constructor, one getter/setter pair, one read-only property. */
  public static class Bean {
    private String name = "n";

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public int getReadOnly() {
      return 1;
    }
  }

  private String capture(Object o) {
    return w.write(new StringBuilder(), o).toString();
  }

  @Test
  void replayableTypesAreCapturedSelfDescribing() {
    assertEquals("\"a\\\"b\\n\"", capture("a\"b\n"));
    assertEquals("{\"int\":5}", capture(5));
    assertEquals("{\"double\":\"NaN\"}", capture(Double.NaN));
    assertEquals("{\"char\":\"x\"}", capture('x'));
    assertEquals(
        "{\"enum\":\"" + Color.class.getName() + "\",\"name\":\"RED\"}", capture(Color.RED));
    assertEquals("{\"array\":\"int\",\"items\":[1,2]}", capture(new int[] {1, 2}));
    assertEquals(
        "{\"list\":\"java.util.ArrayList\",\"items\":[\"a\",{\"long\":2}]}",
        capture(new ArrayList<>(List.of("a", 2L))));
    assertEquals(
        "{\"map\":\"java.util.TreeMap\",\"entries\":[[\"k\",true]]}",
        capture(new TreeMap<>(Map.of("k", true))));
    assertEquals("{\"optional\":null}", capture(Optional.empty()));
    assertEquals(
        "{\"record\":\""
            + Point.class.getName()
            + "\",\"components\":[{\"int\":1},"
            + "{\"double\":\"2.5\"},{\"enum\":\""
            + Color.class.getName()
            + "\",\"name\":\"RED\"}]}",
        capture(new Point(1, 2.5, Color.RED)));
    assertEquals(
        "{\"bean\":\"" + Bean.class.getName() + "\",\"properties\":{\"name\":\"n\"}}",
        capture(new Bean()));
  }

  @Test
  void otherValuesAreUncapturedWithTheReason() {
    assertTrue(
        capture(new ByteArrayInputStream(new byte[0]))
            .startsWith("{\"uncaptured\":\"type java.io.ByteArrayInputStream is not replayable"));
    assertTrue(
        capture(List.of(new Object()))
            .startsWith(
                "{\"uncaptured\":\"element 0: type" + " java.lang.Object is not replayable"));
    assertEquals(
        "{\"uncaptured\":\"larger than capture.max.bytes (1024 bytes)\"}",
        capture("x".repeat(2000)));
    assertEquals(
        "{\"uncaptured\":\"component 'apiToken' of "
            + Creds.class.getName()
            + " matches redact.names\"}",
        capture(new Creds("u", "s3cr3t")));
    assertEquals(
        "{\"uncaptured\":\"map key 'password' matches redact.names\"}",
        capture(Map.of("password", "s3cr3t")));
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertTrue(capture(cycle).contains("nested deeper than 12 levels"), capture(cycle));
  }

  @Test
  void secretsNeverReachTheCapture() {
    assertTrue(!capture(new Creds("u", "s3cr3t")).contains("s3cr3t"));
    assertTrue(!capture(Map.of("password", "s3cr3t")).contains("s3cr3t"));
  }
}
