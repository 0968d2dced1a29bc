/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainAppenderTest {
  @TempDir Path dir;

  static SingleChronicleQueue open(Path dir, SetTimeProvider time) {
    return SingleChronicleQueueBuilder.single(dir.toFile())
        .rollCycle(TestRollCycles.TEST_SECONDLY)
        .timeProvider(time)
        .build();
  }

  static Buf sample(long i) {
    Buf b = new Buf(128);
    Encoder.sample(b, 1, 2, i, new String[] {"x"}, new double[] {i});
    return b;
  }

  static void append(ChainAppender chain, ExcerptAppender a, ChainAppender.Scratch s, Buf doc) {
    chain.digest(s, doc.array(), doc.length());
    try (DocumentContext dc = a.writingDocument()) {
      chain.write(dc, s, doc.array(), doc.length());
    }
  }

  static List<ChainLink> links(SingleChronicleQueue q) {
    List<ChainLink> out = new ArrayList<>();
    try (ExcerptTailer t = q.createTailer()) {
      while (true) {
        try (DocumentContext dc = t.readingDocument()) {
          if (!dc.isPresent()) {
            break;
          }
          Bytes<?> b = dc.wire().bytes();
          byte[] d = new byte[(int) b.readRemaining()];
          b.read(d);
          ChainLink l = Chain.find(d, d.length);
          assertNotNull(l);
          byte[] prev = out.isEmpty() ? Chain.genesis() : out.get(out.size() - 1).link();
          if (l.prev() != null) {
            assertArrayEquals(prev, l.prev());
          }
          assertArrayEquals(Chain.link(d, l.bodyLength(), prev, l.seq(), l.flags()), l.link());
          out.add(l);
        }
      }
    }
    return out;
  }

  @Test
  void chainsAcrossRollsAndWriters() {
    SetTimeProvider time = new SetTimeProvider(1_700_000_000_000L);
    try (SingleChronicleQueue q1 = open(dir, time);
        SingleChronicleQueue q2 = open(dir, time);
        ExcerptAppender a1 = q1.createAppender();
        ExcerptAppender a2 = q2.createAppender()) {
      ChainAppender c1 = new ChainAppender(q1);
      ChainAppender c2 = new ChainAppender(q2);
      ChainAppender.Scratch s1 = new ChainAppender.Scratch();
      ChainAppender.Scratch s2 = new ChainAppender.Scratch();
      for (int i = 0; i < 10; i++) {
        append(c1, a1, s1, sample(i));
      }
      time.advanceMillis(2000);
      append(c1, a1, s1, sample(100));
      append(c2, a2, s2, sample(101));
      append(c1, a1, s1, sample(102));
      time.advanceMillis(2000);
      append(c2, a2, s2, sample(200));
      append(c1, a1, s1, sample(201));
      List<ChainLink> links = links(q1);
      assertEquals(15, links.size());
      for (int i = 0; i < links.size(); i++) {
        assertEquals(i, links.get(i).seq());
      }
      assertTrue(links.get(10).anchor());
      assertTrue(links.get(13).anchor());
      assertEquals(4, c1.previousReads(), "first append, a roll, after the other writer, a roll");
      assertEquals(2, c2.previousReads());
    }
  }
}
