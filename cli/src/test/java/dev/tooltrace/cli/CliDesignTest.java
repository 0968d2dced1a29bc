/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The CLI is one design: the shared options come from one mixin each, every command inherits {@code
 * --help} and {@code --version}, and every failure goes through the one error path.
 */
class CliDesignTest {
  /** Each shared option and the only mixin allowed to declare it. */
  static final Map<String, Class<?>> SHARED =
      Map.of(
          "--dir", QueueOptions.class,
          "--run", RunOption.class,
          "--json", JsonOption.class,
          "--out", OutputFileOption.class);

  @TempDir Path dir;

  static Stream<String> commands() {
    return TooltraceCli.commandLine().getSubcommands().keySet().stream();
  }

  private static CommandSpec spec(String command) {
    return TooltraceCli.commandLine().getSubcommands().get(command).getCommandSpec();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void sharedOptionsComeFromTheirMixin(String command) {
    CommandSpec spec = spec(command);
    for (Map.Entry<String, Class<?>> shared : SHARED.entrySet()) {
      OptionSpec option = spec.findOption(shared.getKey());
      if (option == null) {
        continue;
      }
      List<String> declaredBy = new ArrayList<>();
      spec.mixins()
          .forEach(
              (name, mixin) -> {
                if (mixin.options().contains(option)) {
                  declaredBy.add(mixin.userObject().getClass().getSimpleName());
                }
              });
      assertEquals(
          List.of(shared.getValue().getSimpleName()),
          declaredBy,
          command + " " + shared.getKey() + " must come from @Mixin " + shared.getValue());
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandHasHelpAndTheOneVersion(String command) {
    if (command.equals("help")) {
      return;
    }
    Cli.Result h = Cli.run(command, "--help");
    assertEquals(0, h.code(), h.err());
    assertTrue(h.out().startsWith("Usage: tooltrace " + command), h.out());
    Cli.Result v = Cli.run(command, "--version");
    assertEquals(0, v.code(), v.err());
    assertEquals(Cli.run("--version").out(), v.out());
    assertTrue(v.out().startsWith("tooltrace "), v.out());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void aSecondDirIsOneClearUsageError(String command) {
    if (spec(command).findOption("--dir") == null) {
      return;
    }
    String[] args =
        switch (command) {
          case "lineage", "impact", "replay" -> new String[] {"0000000000000001"};
          case "diff" -> new String[] {"a", "b"};
          case "rerun-script" -> new String[] {"a"};
          default -> new String[0];
        };
    List<String> words = new ArrayList<>(List.of(command));
    words.addAll(List.of(args));
    words.addAll(
        List.of("--dir", dir.resolve("a").toString(), "--dir", dir.resolve("b").toString()));
    if (command.equals("replay")) {
      words.addAll(List.of("--classpath", "."));
    }
    if (command.equals("backup")) {
      words.addAll(List.of("--to", dir.resolve("dest").toString()));
    }
    Cli.Result r = Cli.run(words.toArray(String[]::new));
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertEquals(
        "tooltrace: --dir was given 2 times ("
            + dir.resolve("a")
            + ", "
            + dir.resolve("b")
            + "): '"
            + command
            + "' reads one queue directory\n",
        r.err());
  }

  @Test
  void everyFailureIsOneLineWithTheSamePrefix() {
    Path nope = dir.resolve("nope");
    for (String[] args :
        List.of(
            new String[] {"export", "--dir", nope.toString(), "--until-drained"},
            new String[] {"evidence", "--dir", nope.toString()},
            new String[] {"backup", "--dir", nope.toString(), "--to", dir.resolve("b").toString()},
            new String[] {"runs", "--dir", nope.toString()},
            new String[] {"diff", "a", "b", "--dir", nope.toString()})) {
      Cli.Result r = Cli.run(args);
      assertEquals(ExitCodes.USAGE, r.code(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(r.err().startsWith("tooltrace: "), r.err());
    }
    Cli.Result wait = Cli.run("export", "--dir", nope.toString(), "--max-wait", "-1");
    assertEquals("tooltrace: --max-wait must be >= 0\n", wait.err());
    assertEquals(ExitCodes.USAGE, wait.code());
  }

  @Test
  void anUnexpectedExceptionIsAnInternalErrorLine() {
    CommandLine cl = TooltraceCli.commandLine();
    CliException e = ErrorHandler.translate(new IllegalStateException("boom"));
    assertEquals(ExitCodes.NO_DATA, e.exitCode());
    assertEquals("internal error: java.lang.IllegalStateException: boom", e.getMessage());
    if (cl.getExecutionExceptionHandler() instanceof ErrorHandler) {
      return;
    }
    fail("TooltraceCli must use the one ErrorHandler");
  }
}
