/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.harness;

import dev.tooltrace.cli.TooltraceCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs CLI commands in-process (fast) or as users do, {@code java -jar tooltrace-agent.jar}. */
public final class AgentCli {
  private AgentCli() {}

  public static ForkedJvm.Result inProcess(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TooltraceCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new ForkedJvm.Result(code, out.toString(), err.toString());
  }

  public static ForkedJvm.Result jar(String... args) throws IOException, InterruptedException {
    return jar(List.of(), args);
  }

  /** {@code java <jvmArgs> -jar tooltrace-agent.jar <args>}. */
  public static ForkedJvm.Result jar(List<String> jvmArgs, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-jar");
    cmd.add(Paths.agentJar().toString());
    cmd.addAll(List.of(args));
    return exec(cmd, 180);
  }

  public static ForkedJvm.Result exec(List<String> cmd, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    try {
      Process p =
          new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError("did not finish in " + timeoutSeconds + "s: " + cmd);
      }
      return new ForkedJvm.Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  public static void deleteTree(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
