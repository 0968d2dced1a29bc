/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.repro;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tooltrace.cli.CliException;
import dev.tooltrace.cli.ExitCodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a bash script that reruns a recorded run — same java, JVM arguments (the agent's
 * included), class path, main and arguments, in the same working directory — under a fresh run
 * name, then runs {@code diff --check} of the new run against the old one and exits with its code
 * (0 when the outputs match, 3 when they differ).
 *
 * <p>Values the record holds redacted cannot be rerun from it: each becomes a shell variable {@code
 * TOOLTRACE_SECRET_n} the script requires, and the script lists the redacted environment variables
 * the program may need.
 */
public final class RerunScript {
  private static final String REDACTED = "<redacted>";

  private RerunScript() {}

  /**
   * @param queueDir the queue holding the run
   * @param newDir a queue for the rerun, or null for the same queue
   * @param agentJarForDiff the jar that runs {@code diff} (null: the run's agent jar)
   */
  public static String of(RunInfo run, Path queueDir, Path newDir, Path agentJarForDiff) {
    JsonNode env = run.env();
    if (env.isMissingNode()) {
      throw new CliException(
          ExitCodes.NO_DATA,
          "run "
              + run.id()
              + " has no environment"
              + " snapshot (its RUN record is not in the queue): cannot write a rerun script");
    }
    JsonNode argv = env.path("process.command_args");
    String java =
        argv.isArray() && argv.size() > 1
            ? argv.get(0).asText()
            : env.path("process.executable.path").asText("java");
    List<String> args = commandArgs(env);
    String agentArg = null;
    int agentIndex = -1;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("-javaagent:") && a.contains("tooltrace")) {
        agentIndex = i;
        agentArg = a;
        break;
      }
    }
    if (agentArg == null) {
      throw new CliException(
          ExitCodes.NO_DATA,
          "run "
              + run.id()
              + " was not started with"
              + " -javaagent:...tooltrace...; cannot rerun it under the agent");
    }
    String agentJar = agentArg.substring("-javaagent:".length()).split("=", 2)[0];
    Path diffJar = agentJarForDiff != null ? agentJarForDiff : Path.of(agentJar);

    List<String> secrets = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    sb.append("#!/usr/bin/env bash\n");
    sb.append("# Reruns tooltrace run ")
        .append(run.id())
        .append(run.name().isEmpty() ? "" : " ('" + oneLine(run.name()) + "')")
        .append('\n');
    sb.append("# recorded with git commit ")
        .append(run.gitCommit().isEmpty() ? "(none)" : run.gitCommit())
        .append(run.gitDirty() ? " (dirty work tree)" : "")
        .append('\n');
    sb.append("# then compares the new run's outputs with the old one's:\n");
    sb.append("# exit 0 when they match, 3 when they differ.\n");
    sb.append("set -uo pipefail\n\n");
    List<String> envSecrets = new ArrayList<>();
    env.path("environment")
        .fields()
        .forEachRemaining(
            e -> {
              if (REDACTED.equals(e.getValue().asText())) {
                envSecrets.add(e.getKey());
              }
            });
    if (!envSecrets.isEmpty()) {
      sb.append(
              "# Redacted in the record; set them as the original run had them if the program"
                  + " needs them:\n#   ")
          .append(String.join(" ", envSecrets))
          .append("\n\n");
    }
    StringBuilder cmd = new StringBuilder();
    cmd.append(quote(java));
    for (int i = 0; i < args.size(); i++) {
      cmd.append(" \\\n  ");
      String a = i == agentIndex ? agentWithRunName(agentArg, newDir) : args.get(i);
      cmd.append(shellWord(a, i == agentIndex, secrets));
    }
    for (int i = 0; i < secrets.size(); i++) {
      sb.append(": \"${TOOLTRACE_SECRET_")
          .append(i + 1)
          .append(":?set it to the value redacted in")
          .append(" the record: ")
          .append(oneLine(secrets.get(i)).replace("\"", "'"))
          .append("}\"\n");
    }
    sb.append("RUN_NAME=\"rerun-of-")
        .append(run.id(), 0, Math.min(12, run.id().length()))
        .append("-$(date +%Y%m%d%H%M%S)-$$\"\n");
    String wd = env.path("working.directory").asText("");
    if (!wd.isEmpty()) {
      sb.append("cd ").append(quote(wd)).append(" || exit 2\n");
    }
    sb.append("\n").append(cmd).append("\n");
    sb.append("status=$?\n");
    sb.append("echo \"rerun finished with exit code $status; comparing with run ")
        .append(run.id())
        .append("\" >&2\n\n");
    sb.append(quote(java))
        .append(" -jar ")
        .append(quote(diffJar.toString()))
        .append(" diff ")
        .append(quote(run.id()))
        .append(" \"$RUN_NAME\" --dir ")
        .append(quote(queueDir.toAbsolutePath().toString()));
    if (newDir != null) {
      sb.append(" --dir-b ").append(quote(newDir.toAbsolutePath().toString()));
    }
    sb.append(" --check\n");
    sb.append("exit $?\n");
    return sb.toString();
  }

  /** The process's arguments: the exact argv when recorded, else rebuilt from its parts. */
  static List<String> commandArgs(JsonNode env) {
    List<String> args = new ArrayList<>();
    JsonNode argv = env.path("process.command_args");
    if (argv.isArray() && argv.size() > 1) {
      argv.forEach(n -> args.add(n.asText()));
      return args.subList(1, args.size());
    }
    env.path("jvm.input_arguments").forEach(n -> args.add(n.asText()));
    String cp = env.path("main").path("class.path").asText("");
    String target = env.path("main").path("target").asText("");
    if (target.endsWith(".jar")) {
      args.add("-jar");
    } else if (!cp.isEmpty()) {
      args.add("-cp");
      args.add(cp);
    }
    args.add(target);
    env.path("main").path("arguments").forEach(n -> args.add(n.asText()));
    return args;
  }

  /** The agent argument with {@code run.name} (and {@code dir} for a new queue) replaced. */
  private static String agentWithRunName(String agentArg, Path newDir) {
    int eq = agentArg.indexOf('=');
    String jar = eq < 0 ? agentArg : agentArg.substring(0, eq);
    List<String> kept = new ArrayList<>();
    if (eq >= 0) {
      for (String kv : agentArg.substring(eq + 1).split(",")) {
        String k = kv.contains("=") ? kv.substring(0, kv.indexOf('=')).trim() : kv.trim();
        if (k.equals("run.name") || (newDir != null && k.equals("dir")) || kv.isBlank()) {
          continue;
        }
        kept.add(kv);
      }
    }
    if (newDir != null) {
      kept.add("dir=" + newDir.toAbsolutePath());
    }
    kept.add("run.name=\u0000RUN_NAME\u0000");
    return jar + "=" + String.join(",", kept);
  }

  /** A shell word: single-quoted text, $RUN_NAME and required secret variables spliced in. */
  private static String shellWord(String a, boolean agent, List<String> secrets) {
    StringBuilder w = new StringBuilder();
    String[] parts = a.split("\u0000", -1);
    for (int p = 0; p < parts.length; p++) {
      if (p % 2 == 1) {
        w.append("\"${RUN_NAME}\"");
        continue;
      }
      String text = parts[p];
      int at;
      while ((at = text.indexOf(REDACTED)) >= 0) {
        w.append(quote(text.substring(0, at)));
        secrets.add(
            a.replace("\u0000RUN_NAME\u0000", "...")
                .substring(0, Math.min(80, a.replace("\u0000RUN_NAME\u0000", "...").length())));
        w.append("\"${TOOLTRACE_SECRET_").append(secrets.size()).append("}\"");
        text = text.substring(at + REDACTED.length());
      }
      if (!text.isEmpty() || w.length() == 0) {
        w.append(quote(text));
      }
    }
    return w.toString();
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }
}
