/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.otlp;

import dev.tooltrace.record.Buf;
import dev.tooltrace.record.Encoder;
import dev.tooltrace.record.QueueFiles;
import dev.tooltrace.record.ToolBlock;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * A stand-in application process: appends a RUN document, then call trees (root + child, one CALLS
 * document each) the way the agent does, until it is killed, or {@code count} trees are written.
 * Prints "ready" after the first hundred trees. Used where a JVM must die with SIGKILL mid-write.
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
    try (SingleChronicleQueue q = QueueFiles.openForWriting(dir, "FAST_HOURLY");
        ExcerptAppender a = q.createAppender()) {
      Buf b = new Buf(4096);
      Encoder.run(
          b,
          runHi,
          runLo,
          System.currentTimeMillis() * 1_000_000L,
          ProcessHandle.current().pid(),
          "{\"service.name\":\"killed-app\",\"host.name\":\"localhost\"}");
      append(a, b);
      for (long i = 1; count == 0 || i <= count; i++) {
        long now = System.currentTimeMillis() * 1_000_000L;
        long traceHi = rnd.nextLong() | 1;
        long traceLo = rnd.nextLong();
        long root = rnd.nextLong() | 1;
        long child = rnd.nextLong() | 1;
        b.clear();
        int c = Encoder.beginCalls(b, runHi, runLo, 1, "main");
        int at =
            Encoder.beginCall(
                b, traceHi, traceLo, child, root, CHILD, now, 1000, false, 0, Double.NaN);
        Encoder.argCount(b, 1);
        Encoder.valueLong(b, i);
        Encoder.valueLong(b, i * 2);
        Encoder.endCall(b, at);
        at = Encoder.beginCall(b, traceHi, traceLo, root, 0, ROOT, now, 5000, false, 0, Double.NaN);
        Encoder.argCount(b, 0);
        Encoder.valueVoid(b);
        Encoder.endCall(b, at);
        Encoder.endCalls(b, c, 2);
        append(a, b);
        if (i == 100) {
          System.out.println("ready");
          System.out.flush();
        }
      }
    }
  }

  private static void append(ExcerptAppender a, Buf b) {
    try (DocumentContext dc = a.writingDocument()) {
      dc.wire().bytes().write(b.array(), 0, b.length());
    }
  }
}
