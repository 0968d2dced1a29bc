/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record.testing;

import dev.tooltrace.record.Buf;
import dev.tooltrace.record.ChainAppender;
import dev.tooltrace.record.QueueFiles;
import java.nio.file.Path;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * A queue written the way the agent writes it (opened by {@link QueueFiles}, one document per
 * Chronicle excerpt, each linked into the queue's hash chain by the record contract's {@link
 * ChainAppender}), for tests: runs are added with {@link #run}, raw bytes (a foreign or damaged
 * document, unchained) with {@link #raw}. Close it before readers that need the queue quiescent.
 */
public final class QueueFixture implements DocumentSink, AutoCloseable {
  private final SingleChronicleQueue queue;
  private final ExcerptAppender appender;
  private final ChainAppender chain;
  private final ChainAppender.Scratch scratch = new ChainAppender.Scratch();

  private QueueFixture(SingleChronicleQueue queue) {
    this.queue = queue;
    this.appender = queue.createAppender();
    this.chain = new ChainAppender(queue);
  }

  /**
   * A fixture over an open queue (a test's own roll cycle or time provider); closes it on close.
   */
  public static QueueFixture over(SingleChronicleQueue queue) {
    return new QueueFixture(queue);
  }

  /** Creates (or opens) the queue in {@code dir} with the agent's default roll cycle. */
  public static QueueFixture create(Path dir) {
    return create(dir, QueueFiles.DEFAULT_ROLL_CYCLE);
  }

  public static QueueFixture create(Path dir, String rollCycle) {
    return new QueueFixture(QueueFiles.openForWriting(dir, rollCycle));
  }

  /** A run whose documents are appended to this queue. */
  public RunFixture run(long runHi, long runLo) {
    return new RunFixture(this, runHi, runLo);
  }

  /** Appends one document, linked into the chain. */
  @Override
  public void accept(Buf document) {
    chain.digest(scratch, document.array(), document.length());
    try (DocumentContext dc = appender.writingDocument()) {
      chain.write(dc, scratch, document.array(), document.length());
    }
  }

  /** The chain position and link of the document appended last ({@link #accept}). */
  public ChainAppender.Scratch lastChained() {
    return scratch;
  }

  /** Appends raw bytes as one document: not necessarily a tooltrace document. */
  public void raw(byte[] bytes) {
    try (DocumentContext dc = appender.writingDocument()) {
      dc.wire().bytes().write(bytes);
    }
  }

  public SingleChronicleQueue queue() {
    return queue;
  }

  @Override
  public void close() {
    appender.close();
    queue.close();
  }
}
