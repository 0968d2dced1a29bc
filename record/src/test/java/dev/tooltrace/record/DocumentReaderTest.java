/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reader loop, over a real queue: corrupt and newer-version documents among good ones. */
class DocumentReaderTest {
  @TempDir Path dir;

  private static byte[] doc(String hex, int version) {
    byte[] b = HexFormat.of().parseHex(hex);
    b[1] = (byte) version;
    return b;
  }

  private void write(byte[]... docs) {
    try (SingleChronicleQueue q = QueueFiles.openForWriting(dir, QueueFiles.DEFAULT_ROLL_CYCLE);
        ExcerptAppender a = q.createAppender()) {
      for (byte[] d : docs) {
        try (DocumentContext dc = a.writingDocument()) {
          dc.wire().bytes().write(d);
        }
      }
    }
  }

  /** Records every callback as one line. */
  static final class Log extends FormatGoldenTest.Collected {
    final List<String> lines = new ArrayList<>();

    @Override
    public void onCorrupt(long queueIndex, String file, CorruptRecordException e) {
      lines.add("corrupt: " + e.getMessage());
    }

    @Override
    public void onUnsupportedVersion(long queueIndex, String file, UnsupportedVersionException e) {
      lines.add("version: " + e.getMessage());
    }
  }

  @Test
  void aNewerVersionIsReportedOnceAndItsDocumentsSkippedWhileTheRestIsRead() {
    byte[] newer = doc(FormatGoldenTest.CALLS, RecordFormat.VERSION + 1);
    write(
        doc(FormatGoldenTest.RUN_DOC, RecordFormat.VERSION),
        newer,
        doc(FormatGoldenTest.CALLS, RecordFormat.VERSION),
        newer,
        new byte[] {1, 2, 3, 4},
        newer,
        doc(FormatGoldenTest.RUN_END_DOC, RecordFormat.VERSION));
    Log log = new Log();
    try (QueueReader r = QueueReader.open(dir)) {
      assertEquals(7, r.readAll(log));
      assertEquals(3, r.unsupportedDocuments());
    }
    assertEquals(1, log.runs.size());
    assertEquals(3, log.calls.size());
    assertEquals(1, log.ends.size());
    assertEquals(2, log.lines.size(), String.valueOf(log.lines));
    assertTrue(
        log.lines
            .get(0)
            .startsWith(
                "version: written in record format version " + (RecordFormat.VERSION + 1) + ","),
        log.lines.get(0));
    assertTrue(log.lines.get(1).startsWith("corrupt: not a tooltrace document"), log.lines.get(1));
  }

  @Test
  void readingStopsBeforeAGivenIndexWithoutConsumingIt() {
    write(doc(FormatGoldenTest.RUN_DOC, 2), doc(FormatGoldenTest.CALLS, 2));
    try (SingleChronicleQueue q = QueueFiles.openForReading(dir);
        ExcerptTailer t = q.createTailer().toStart()) {
      Log log = new Log();
      DocumentReader reader = new DocumentReader(log);
      long first = t.index();
      assertTrue(reader.next(t, first + 1));
      long second = t.index();
      assertFalse(reader.next(t, second), "stops before the second document");
      assertEquals(second, t.index(), "nothing consumed");
      assertTrue(reader.next(t));
      assertFalse(reader.next(t), "end of queue");
      assertEquals(1, log.runs.size());
      assertEquals(3, log.calls.size());
    }
  }

  @Test
  void aFilterPassesOverOtherDocumentTypes() {
    write(doc(FormatGoldenTest.RUN_DOC, 2), doc(FormatGoldenTest.CALLS, 2));
    try (SingleChronicleQueue q = QueueFiles.openForReading(dir);
        ExcerptTailer t = q.createTailer().toStart()) {
      Log log = new Log();
      DocumentReader reader = new DocumentReader(log, DocumentDecoder.only(RecordFormat.DOC_RUN));
      assertEquals(2, reader.read(t, Long.MAX_VALUE));
      assertEquals(1, log.runs.size());
      assertTrue(log.calls.isEmpty());
    }
  }
}
