/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM, with or without the packaged agent jar, and captures exit code,
 * stdout and stderr. This is how users run the agent, so most integration tests go through here
 * rather than attaching in-process.
 */
public final class ForkedJvm {
  private Path javaHome = Path.of(System.getProperty("java.home"));
  private String agentArgs;
  private boolean withAgent;
  private final List<String> jvmArgs = new ArrayList<>();
  private final List<String> classpath = new ArrayList<>();
  private String mainClass;
  private final List<String> args = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private long timeoutSeconds = 120;
  private Path workDir;

  public static ForkedJvm of(String mainClass, String... args) {
    ForkedJvm j = new ForkedJvm();
    j.mainClass = mainClass;
    j.args.addAll(List.of(args));
    j.classpath.add(Paths.testClasses().toString());
    j.classpath.add(Paths.bootstrapJar().toString());
    return j;
  }

  public ForkedJvm jdk(Path home) {
    this.javaHome = home;
    return this;
  }

  /** Attaches the packaged agent with these {@code key=value,...} arguments. */
  public ForkedJvm agent(String agentArguments) {
    this.withAgent = true;
    this.agentArgs = agentArguments;
    return this;
  }

  public ForkedJvm jvmArg(String a) {
    jvmArgs.add(a);
    return this;
  }

  public ForkedJvm classpath(Path p) {
    classpath.add(p.toString());
    return this;
  }

  public ForkedJvm env(String k, String v) {
    env.put(k, v);
    return this;
  }

  public ForkedJvm timeout(long seconds) {
    this.timeoutSeconds = seconds;
    return this;
  }

  public ForkedJvm workDir(Path dir) {
    this.workDir = dir;
    return this;
  }

  public List<String> command() {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaHome.resolve("bin/java").toString());
    if (withAgent) {
      cmd.add(
          "-javaagent:"
              + Paths.agentJar()
              + (agentArgs == null || agentArgs.isEmpty() ? "" : "=" + agentArgs));
    }
    cmd.add("-Xshare:auto");
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(String.join(java.io.File.pathSeparator, classpath));
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  public Process start() throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command());
    pb.environment().putAll(env);
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    return pb.start();
  }

  public Result run() throws IOException, InterruptedException {
    Path out = Files.createTempFile("forked-out", ".txt");
    Path err = Files.createTempFile("forked-err", ".txt");
    try {
      ProcessBuilder pb = new ProcessBuilder(command());
      pb.environment().putAll(env);
      if (workDir != null) {
        pb.directory(workDir.toFile());
      }
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError(
            "forked JVM did not finish in "
                + timeoutSeconds
                + "s: "
                + command()
                + "\nstderr:\n"
                + Files.readString(err));
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** What a forked JVM did. */
  public record Result(int exitCode, String stdout, String stderr) {
    /** stderr without the JVM's own CDS notice that any bootstrap-appending agent causes. */
    public List<String> agentLines() {
      List<String> l = new ArrayList<>();
      for (String s : stderr.split("\n")) {
        if (s.startsWith("[tooltrace]")) {
          l.add(s);
        }
      }
      return l;
    }
  }
}
