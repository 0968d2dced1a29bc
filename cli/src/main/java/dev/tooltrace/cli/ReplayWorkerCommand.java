/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.cli.repro.ReplayWorker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Internal: the fresh-JVM side of {@code replay} (see {@link ReplayWorker}); not for users. */
@Command(name = "replay-worker", hidden = true)
final class ReplayWorkerCommand implements Callable<Integer> {
  @Parameters(index = "0")
  Path spec;

  @Parameters(index = "1")
  Path result;

  @Override
  public Integer call() throws Exception {
    ReplayWorker.run(spec, result);
    return ExitCodes.OK;
  }
}
