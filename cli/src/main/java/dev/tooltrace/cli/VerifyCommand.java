/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.backup.BackupVerifier;
import dev.tooltrace.backup.VerifyReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verify DEST}: every file of a backup against its manifest. */
@Command(
    name = "verify",
    description = {
      "Check every file of a backup against its manifest (size and SHA-256).",
      "Exit code 0: all files intact; 1: files missing or corrupt (each named on stderr);"
          + " 2: not a backup."
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DEST", description = "Backup directory.")
  Path dest;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    VerifyReport r;
    try {
      r = BackupVerifier.verify(dest, TerminalProgress.forConsole(err, "verify"));
    } catch (IOException e) {
      throw CliException.noData("cannot verify " + dest + ": " + e);
    }
    for (String m : r.missing()) {
      err.println("tooltrace verify: missing: " + m);
    }
    for (String c : r.corrupt()) {
      err.println("tooltrace verify: corrupt: " + c);
    }
    err.flush();
    if (!r.ok()) {
      out.println(
          "verify: FAILED: "
              + r.missing().size()
              + " missing, "
              + r.corrupt().size()
              + " corrupt, "
              + r.checked().size()
              + " intact");
      out.flush();
      return ExitCodes.NO_DATA;
    }
    out.println("verify: OK: " + r.checked().size() + " files intact");
    out.flush();
    return ExitCodes.OK;
  }
}
