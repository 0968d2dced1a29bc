/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tooltrace.it.app.FaultApp;
import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Recorded;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One fault case: {@link FaultApp} in a forked JVM without the agent and again with it, the two
 * outputs compared byte for byte. Both JVMs get the same JVM options (heap, stack) so that only the
 * agent differs.
 */
final class FaultRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FaultRun() {}

  /** Runs {@code FaultApp args} plainly; its exit code must be 0. */
  static ForkedJvm.Result plain(UnaryOperator<ForkedJvm> options, String... args) throws Exception {
    ForkedJvm.Result r = options.apply(ForkedJvm.of(FaultApp.class.getName(), args)).run();
    assertEquals(0, r.exitCode(), r.stderr());
    return r;
  }

  /**
   * Runs {@code FaultApp args} plainly and with the agent ({@code agentArgs}); asserts exit code 0
   * and identical stdout; returns the traced run.
   */
  static ForkedJvm.Result compare(
      String agentArgs, UnaryOperator<ForkedJvm> options, String... args) throws Exception {
    ForkedJvm.Result plain = plain(options, args);
    ForkedJvm.Result traced =
        options.apply(ForkedJvm.of(FaultApp.class.getName(), args).agent(agentArgs)).run();
    assertEquals(0, traced.exitCode(), traced.stderr());
    assertEquals(plain.stdout(), traced.stdout(), "the application's output must not change");
    return traced;
  }

  static ForkedJvm.Result compare(String agentArgs, String... args) throws Exception {
    return compare(agentArgs, j -> j, args);
  }

  /** The counters of the run's RUN_END document (records.written, .dropped, ...). */
  static JsonNode counters(Recorded r) throws Exception {
    assertEquals(1, r.ends.size(), "one RUN_END document");
    return JSON.readTree(r.ends.get(0).countersJson());
  }

  /** The agent's own stderr lines containing {@code text}. */
  static List<String> lines(ForkedJvm.Result r, String text) {
    return r.agentLines().stream().filter(l -> l.contains(text)).collect(Collectors.toList());
  }
}
