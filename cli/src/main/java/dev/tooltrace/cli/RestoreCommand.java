/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.backup.BackupRestorer;
import dev.tooltrace.backup.BackupVerifier;
import dev.tooltrace.backup.VerifyReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code restore DEST --to DIR}: verifies the backup, then rebuilds the queue directory. */
@Command(
    name = "restore",
    description = {
      "Rebuild a queue directory from a backup, after verifying it. DIR must be new or empty.",
      "Chronicle's metadata.cq4t is restored too, so the exporter resumes at the position the"
          + " backup recorded; --without-metadata lets Chronicle rebuild it (export starts over)."
    })
final class RestoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DEST", description = "Backup directory.")
  Path dest;

  @Option(names = "--to", required = true, paramLabel = "DIR", description = "Queue directory.")
  Path dir;

  @Option(
      names = "--without-metadata",
      description = "Do not restore metadata.cq4t (the exporter then starts from the beginning).")
  boolean withoutMetadata;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      VerifyReport v = BackupVerifier.verify(dest, TerminalProgress.forConsole(err, "verify"));
      if (!v.ok()) {
        for (String m : v.missing()) {
          err.println("tooltrace restore: missing: " + m);
        }
        for (String c : v.corrupt()) {
          err.println("tooltrace restore: corrupt: " + c);
        }
        throw CliException.noData(
            "the backup in " + dest + " failed verification; nothing restored");
      }
      int n =
          BackupRestorer.restore(
              dest, dir, !withoutMetadata, TerminalProgress.forConsole(err, "restore"));
      out.println("restore: " + n + " files restored into " + dir);
      out.flush();
      return ExitCodes.OK;
    } catch (IOException e) {
      throw CliException.usage("cannot restore into " + dir + ": " + e.getMessage());
    }
  }
}
