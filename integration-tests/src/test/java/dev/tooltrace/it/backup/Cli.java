/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.backup;

import dev.tooltrace.cli.TooltraceCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** The CLI in-process, as {@code java -jar tooltrace-agent.jar ARGS} runs it. */
final class Cli {
  record Result(int code, String out, String err) {}

  private Cli() {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TooltraceCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  static Result ok(String... args) {
    Result r = run(args);
    if (r.code() != 0) {
      throw new AssertionError(
          "tooltrace "
              + String.join(" ", args)
              + " exited "
              + r.code()
              + "\nstdout:\n"
              + r.out()
              + "\nstderr:\n"
              + r.err());
    }
    return r;
  }
}
