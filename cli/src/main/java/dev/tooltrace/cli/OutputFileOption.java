/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --out FILE} option: a command's whole output to a file instead of stdout. */
public final class OutputFileOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Path file;

  /** The file, or null for stdout. */
  public Path file() {
    return file;
  }

  /**
   * Writes {@code text} (UTF-8) to the file, or to stdout without one; returns the file or null. A
   * file that cannot be written is a usage error: the path was the user's choice.
   */
  public Path write(String text) {
    if (file == null) {
      PrintWriter out = command.commandLine().getOut();
      out.print(text);
      out.flush();
      return null;
    }
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.usage("cannot write " + file + ": " + e.getMessage());
    }
    return file;
  }
}
