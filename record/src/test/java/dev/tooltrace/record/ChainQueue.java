/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * A chained test queue with a roll cycle of one second and a clock the test moves: documents are
 * SAMPLEs of equal length (so that two can trade places in a file), written through {@link
 * ChainAppender} as the agent writes them; {@link #roll} starts the next cycle file.
 */
final class ChainQueue implements AutoCloseable {
  static final long START_MILLIS = 1_700_000_000_000L;

  final Path dir;
  final SetTimeProvider time;
  final SingleChronicleQueue queue;
  final ExcerptAppender appender;
  final ChainAppender chain;
  final ChainAppender.Scratch scratch = new ChainAppender.Scratch();
  final long runHi;
  final long runLo;

  /** The bytes of every document appended, as the queue holds them, in order. */
  final List<byte[]> written = new ArrayList<>();

  ChainQueue(Path dir, long runHi, long runLo) {
    this(dir, runHi, runLo, new SetTimeProvider(START_MILLIS));
  }

  ChainQueue(Path dir, long runHi, long runLo, SetTimeProvider time) {
    this.dir = dir;
    this.time = time;
    this.queue = open(dir, time);
    this.appender = queue.createAppender();
    this.chain = new ChainAppender(queue);
    this.runHi = runHi;
    this.runLo = runLo;
  }

  static SingleChronicleQueue open(Path dir, SetTimeProvider time) {
    return SingleChronicleQueueBuilder.single(dir.toFile())
        .rollCycle(TestRollCycles.TEST_SECONDLY)
        .timeProvider(time)
        .build();
  }

  String runId() {
    return Hex.of(runHi, runLo);
  }

  ChainQueue run() {
    Buf b = new Buf(128);
    Encoder.run(b, runHi, runLo, 1, 42, "{}");
    return append(b);
  }

  ChainQueue samples(int n) {
    for (int i = 0; i < n; i++) {
      Buf b = new Buf(128);
      Encoder.sample(
          b, runHi, runLo, written.size(), new String[] {"n"}, new double[] {written.size()});
      append(b);
    }
    return this;
  }

  ChainQueue end() {
    Buf b = new Buf(128);
    Encoder.runEnd(b, runHi, runLo, 2, "{}");
    return append(b);
  }

  ChainQueue roll() {
    time.advanceMillis(1000);
    return this;
  }

  ChainQueue append(Buf doc) {
    chain.digest(scratch, doc.array(), doc.length());
    try (DocumentContext dc = appender.writingDocument()) {
      chain.write(dc, scratch, doc.array(), doc.length());
    }
    try (var t = queue.createTailer()) {
      t.moveToIndex(scratch.index());
      try (DocumentContext dc = t.readingDocument()) {
        byte[] b = new byte[(int) dc.wire().bytes().readRemaining()];
        dc.wire().bytes().read(b);
        written.add(b);
      }
    }
    return this;
  }

  /** Appends a seal of {@code reason} over [from, to] (chain positions of this queue's docs). */
  ChainQueue seal(int reason, int from, int to, SealKeys.Signer signer) {
    ChainLink f = Chain.find(written.get(from), written.get(from).length);
    ChainLink t = Chain.find(written.get(to), written.get(to).length);
    byte[] prev =
        f.prev() != null
            ? f.prev()
            : Chain.find(written.get(from - 1), written.get(from - 1).length).link();
    Buf b = new Buf(256);
    int signed =
        Seal.unsigned(
            b,
            runHi,
            runLo,
            3,
            reason,
            f.seq(),
            prev,
            t.seq(),
            t.link(),
            "{\"test\":true}",
            signer == null ? Seal.ALG_NONE : signer.algorithm(),
            signer == null ? "" : signer.keyId());
    try {
      Seal.signature(b, signer == null ? new byte[0] : signer.sign(b.array(), signed));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return append(b);
  }

  List<Path> files() {
    return QueueFiles.dataFiles(dir);
  }

  /** The offset of document {@code i}'s bytes in {@code file}, or -1. */
  static long offsetIn(Path file, byte[] doc) {
    try {
      byte[] all = Files.readAllBytes(file);
      outer:
      for (int p = 0; p + doc.length <= all.length; p++) {
        for (int k = 0; k < doc.length; k++) {
          if (all[p + k] != doc[k]) {
            continue outer;
          }
        }
        return p;
      }
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    appender.close();
    queue.close();
  }
}
