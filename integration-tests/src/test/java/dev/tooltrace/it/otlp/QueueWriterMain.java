/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.otlp;

import dev.tooltrace.record.ToolBlock;
import dev.tooltrace.record.testing.FixtureCall;
import dev.tooltrace.record.testing.FixtureValue;
import dev.tooltrace.record.testing.QueueFixture;
import dev.tooltrace.record.testing.RunFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A stand-in application process: appends a RUN document, then call trees (root + child, one CALLS
 * document each) through the record contract's fixtures (the agent's own batch writer), until it is
 * killed, or {@code count} trees are written. Prints "ready" after the first hundred trees. Used
 * where a JVM must die with SIGKILL mid-write.
 */
public final class QueueWriterMain {
  private static final ToolBlock ROOT =
      new ToolBlock(
          1, "ingest", "ingest", "com.example.Ingest", "run", "()V", List.of(), List.of(), "void");
  private static final ToolBlock CHILD =
      new ToolBlock(
          2,
          "tokenize",
          "tokenize",
          "com.example.Tokenizer",
          "tokenize",
          "(J)J",
          List.of("n"),
          List.of("long"),
          "long");

  private QueueWriterMain() {}

  /** Args: DIR [COUNT] (COUNT 0 or absent: until killed). */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long count = args.length > 1 ? Long.parseLong(args[1]) : 0;
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    long runHi = rnd.nextLong();
    long runLo = rnd.nextLong();
    try (QueueFixture q = QueueFixture.create(dir)) {
      RunFixture run = q.run(runHi, runLo);
      run.start(
          System.currentTimeMillis() * 1_000_000L,
          ProcessHandle.current().pid(),
          "{\"service.name\":\"killed-app\",\"host.name\":\"localhost\"}");
      for (long i = 1; count == 0 || i <= count; i++) {
        long now = System.currentTimeMillis() * 1_000_000L;
        long traceHi = rnd.nextLong() | 1;
        long traceLo = rnd.nextLong();
        long root = rnd.nextLong() | 1;
        long child = rnd.nextLong() | 1;
        run.calls(
            1,
            "main",
            FixtureCall.of(CHILD)
                .trace(traceHi, traceLo)
                .span(child)
                .parent(root)
                .start(now)
                .duration(1000)
                .arg(FixtureValue.ofLong(i))
                .returns(FixtureValue.ofLong(i * 2)),
            FixtureCall.of(ROOT).trace(traceHi, traceLo).span(root).start(now).duration(5000));
        if (i == 100) {
          System.out.println("ready");
          System.out.flush();
        }
      }
    }
  }
}
