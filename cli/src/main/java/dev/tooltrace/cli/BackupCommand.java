/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.backup.BackupResult;
import dev.tooltrace.backup.QueueBackup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backup --dir DIR --to DEST}: incremental, consistent while the agent writes. */
@Command(
    name = "backup",
    description = {
      "Copy a queue directory into a backup directory: only what the backup lacks, with a"
          + " manifest of SHA-256 sums (manifest.json, MANIFEST.sha256).",
      "Safe while the application writes: a file still being written is stored as a consistent"
          + " prefix, marked incomplete, and completed by a later backup."
    })
final class BackupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin QueueOptions queue;

  @Option(names = "--to", required = true, paramLabel = "DEST", description = "Backup directory.")
  Path dest;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BackupResult r;
    try {
      r = QueueBackup.run(queue.dir(), dest, TerminalProgress.forConsole(err, "backup"));
    } catch (IOException e) {
      throw CliException.noData("backup into " + dest + " failed: " + e);
    }
    out.println(
        "backup: "
            + r.copied().size()
            + " files copied ("
            + r.bytesCopied()
            + " bytes), "
            + r.unchanged().size()
            + " unchanged, "
            + r.incomplete().size()
            + " still being written (stored as a consistent prefix)");
    for (String name : r.copied()) {
      out.println("  copied " + name + (r.incomplete().contains(name) ? " (incomplete)" : ""));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
