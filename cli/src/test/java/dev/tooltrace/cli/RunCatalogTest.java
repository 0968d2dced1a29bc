/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one rule by which every command names a run. */
class RunCatalogTest {
  static final String A = "aaaa1111000000000000000000000001";
  static final String B = "aaaa2222000000000000000000000002";
  static final String C = "bbbb3333000000000000000000000003";

  private static RunCatalog threeRuns() {
    RunCatalog c = new RunCatalog();
    c.addStartedRun(A, "nightly");
    c.addStartedRun(B, "");
    c.addStartedRun(C, "nightly");
    return c;
  }

  @Test
  void fullIdInAnyCase() {
    assertEquals(B, threeRuns().resolve(B));
    assertEquals(B, threeRuns().resolve(B.toUpperCase()));
    assertEquals(B, threeRuns().resolve("  " + B + " "));
  }

  @Test
  void uniquePrefixInAnyCase() {
    assertEquals(C, threeRuns().resolve("bbbb"));
    assertEquals(C, threeRuns().resolve("BBBB33"));
    assertEquals(A, threeRuns().resolve("AAAA1"));
  }

  @Test
  void ambiguousPrefixIsAUsageErrorNamingTheCandidates() {
    CliException e = assertThrows(CliException.class, () -> threeRuns().resolve("aaaa"));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertEquals("run prefix aaaa is ambiguous: " + A + ", " + B, e.getMessage());
  }

  @Test
  void noMatchIsNoDataNamingTheRuns() {
    CliException e = assertThrows(CliException.class, () -> threeRuns().resolve("ffff"));
    assertEquals(ExitCodes.NO_DATA, e.exitCode());
    assertEquals(
        "no run ffff in the queue (runs: " + A + ", " + B + ", " + C + ")", e.getMessage());
  }

  @Test
  void runNameMeansTheLatestRunOfThatName() {
    assertEquals(C, threeRuns().resolve("nightly"));
    CliException caseMatters =
        assertThrows(CliException.class, () -> threeRuns().resolve("Nightly"));
    assertEquals(ExitCodes.NO_DATA, caseMatters.exitCode());
  }

  @Test
  void latestIsTheRunStartedLastEvenWhenCallsOfOthersComeAfter() {
    RunCatalog c = threeRuns();
    c.addRunId("cccc0000000000000000000000000004"); // calls only, no RUN document
    assertEquals(C, c.resolve("latest"));
    assertEquals(C, c.resolve("LATEST"));
    RunCatalog callsOnly = new RunCatalog();
    callsOnly.addRunId(A);
    callsOnly.addRunId(B);
    assertEquals(B, callsOnly.resolve(RunCatalog.LATEST), "no RUN document: the last run met");
  }

  @Test
  void onlyRunWhenNoneIsNamed() {
    RunCatalog one = new RunCatalog();
    one.addRunId(A);
    assertEquals(A, one.resolveOrOnly(null));
    CliException several = assertThrows(CliException.class, () -> threeRuns().resolveOrOnly(null));
    assertEquals(ExitCodes.USAGE, several.exitCode());
    assertTrue(several.getMessage().contains("choose one with --run"), several.getMessage());
    assertEquals(B, threeRuns().resolveOrOnly("aaaa2"));
  }

  @Test
  void anEmptyQueueHoldsNoRun() {
    for (String ref : new String[] {"latest", "aaaa", A}) {
      CliException e = assertThrows(CliException.class, () -> new RunCatalog().resolve(ref));
      assertEquals(ExitCodes.NO_DATA, e.exitCode());
      assertEquals("the queue holds no run", e.getMessage());
    }
    assertEquals(
        ExitCodes.NO_DATA,
        assertThrows(CliException.class, () -> new RunCatalog().resolveOrOnly(null)).exitCode());
  }
}
