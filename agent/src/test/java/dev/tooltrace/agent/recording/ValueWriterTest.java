/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.agent.log.AgentLog;
import dev.tooltrace.record.BatchWriter;
import dev.tooltrace.record.Buf;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.CanonicalHash;
import dev.tooltrace.record.DocumentDecoder;
import dev.tooltrace.record.ElementRef;
import dev.tooltrace.record.Hex;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.ToolBlock;
import dev.tooltrace.record.ValueRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the agent writes for one value: elements for lineage (identity and content, argument and
 * return side), the bounds that keep a call's cost bounded, the budget's switch to sampled hashes,
 * and reading an application's collection without ever disturbing the application.
 */
class ValueWriterTest {
  private static final CanonicalHash HASH = new CanonicalHash(1 << 20);

  private final IdentityLinks links = new IdentityLinks(1 << 12);
  private final ValueWriter writer = new ValueWriter(256, 1 << 20, links, null, 1024, 5);
  private final ThreadState ts = new ThreadState(Thread.currentThread(), 1, 2);

  record Batch(String name, List<Object> items) {}

  record Plain(String a, int b) {}

  /** Describes {@code o} as an argument (returnSpan 0) or a result, and reads it back. */
  private ValueRecord describe(Object o, ValueBudget budget, long returnSpan) {
    Buf args = new Buf(256);
    writer.write(args, o, ts, false, budget, returnSpan);
    ToolBlock tool =
        new ToolBlock(
            1,
            "t",
            "t",
            "x.T",
            "t",
            "(Ljava/lang/Object;)V",
            List.of("v"),
            List.of("java.lang.Object"),
            "void");
    BatchWriter w = new BatchWriter(1, 2, 3, 256);
    w.open("main");
    int c = w.beginCall(1, 2, 3, 0, tool, 10, 20, false, 0, Double.NaN);
    w.arguments(1, args);
    dev.tooltrace.record.ValueEncoder.voidValue(w.buf());
    w.endCall(c);
    byte[] doc = w.finish().toByteArray();
    List<CallRecord> calls = new ArrayList<>();
    new DocumentDecoder()
        .decode(
            doc,
            doc.length,
            0,
            new RecordVisitor() {
              @Override
              public void onCall(CallRecord call) {
                calls.add(call);
              }
            });
    return calls.get(0).args().get(0);
  }

  private ValueRecord arg(Object o) {
    return describe(o, null, 0);
  }

  private static String span(long id) {
    return Hex.of(id);
  }

  @Test
  void elementsOfAListArgumentCarryTheirProducerOrTheirHash() {
    String produced = new String("made by a tool");
    links.put(produced, 0x77);
    String fresh = new String("from the application");
    List<Object> list = new ArrayList<>();
    list.add(produced);
    list.add(fresh);
    list.add(42);
    list.add(null);
    list.add("");
    ValueRecord v = arg(list);
    assertEquals(
        List.of(
            new ElementRef(0, false, null, false, span(0x77), false),
            new ElementRef(0, false, HASH.hex(fresh), false, null, false),
            new ElementRef(0, false, null, false, null, false),
            new ElementRef(0, false, null, false, null, false)),
        v.elements(),
        "a produced element by identity, a fresh one by hash, a number and an empty string"
            + " with neither, no entry for null");
    assertFalse(v.elementsTruncated());
    assertEquals(0, v.elementsOmitted());
  }

  @Test
  void mapsOptionalsArraysAndRecordsHoldingCollectionsAreWalkedDepthFirst() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("k", List.of("deep"));
    assertEquals(
        List.of(
            new ElementRef(0, false, HASH.hex("k"), false, null, false),
            new ElementRef(0, true, null, false, null, false),
            new ElementRef(1, false, HASH.hex("deep"), false, null, false)),
        arg(m).elements());

    assertEquals(
        List.of(new ElementRef(0, false, HASH.hex("x"), false, null, false)),
        arg(Optional.of("x")).elements());
    assertEquals(
        List.of(new ElementRef(0, false, HASH.hex("y"), false, null, false)),
        arg(new Object[] {"y", null}).elements());

    ValueRecord batch = arg(new Batch("n", List.of("i")));
    assertEquals(
        List.of(
            new ElementRef(0, false, HASH.hex("n"), false, null, false),
            new ElementRef(0, true, null, false, null, false),
            new ElementRef(1, false, HASH.hex("i"), false, null, false)),
        batch.elements(),
        "a record holding a list: its components, and the list's elements");
    assertTrue(arg(new Plain("a", 1)).elements().isEmpty(), "a record of plain values is a leaf");
    assertTrue(arg("plain string").elements().isEmpty());
    assertTrue(arg(new int[] {1, 2}).elements().isEmpty(), "primitive arrays have no elements");
  }

  @Test
  void nestingDeeperThanTheFormatAllowsIsHashedWholeAndFlagged() {
    Object deep = List.of(List.of(List.of(List.of(List.of("bottom")))));
    ValueRecord v = arg(deep);
    assertEquals(4, v.elements().size());
    ElementRef last = v.elements().get(3);
    assertEquals(3, last.depth());
    assertFalse(last.container());
    assertEquals(HASH.hex(List.of("bottom")), last.hash());
    assertTrue(v.elementsTruncated());
  }

  @Test
  void theReturnSideRemembersElementsAndNamesTheirEarlierProducers() {
    String nested = new String("returned by a nested call");
    links.put(nested, 0x10);
    String made = new String("made by the stage");
    List<String> out = List.of(nested, made);
    ValueRecord v = describe(out, null, 0x20);
    assertEquals(
        List.of(
            new ElementRef(0, false, HASH.hex(nested), false, span(0x10), false),
            new ElementRef(0, false, HASH.hex(made), false, null, false)),
        v.elements(),
        "return elements carry hashes always, and the producer they had before");

    WeakIdentityTable.Slot s = new WeakIdentityTable.Slot();
    links.get(nested, s);
    assertEquals(0x10, s.a, "a whole-value producer is more specific: it stays");
    assertEquals(IdentityLinks.WHOLE, s.meta);
    links.get(made, s);
    assertEquals(0x20, s.a);
    assertEquals(IdentityLinks.ELEMENT, s.meta);

    ValueRecord consumer = arg(made);
    assertEquals(span(0x20), consumer.producerSpanId());
    assertTrue(consumer.producerIsElement(), "the consumer knows it got an element");
    links.put(made, 0x30);
    assertFalse(arg(made).producerIsElement(), "a later whole-value producer replaces it");
  }

  @Test
  void elementsBeyondTheBoundAreCountedAndFlagged() {
    ValueWriter small = new ValueWriter(256, 1 << 20, links, null, 10, 5);
    List<String> l = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      l.add("e" + i);
    }
    Buf b = new Buf(64);
    small.write(b, l, ts, false, null, 0);
    ValueRecord v = readBack(b);
    assertEquals(10, v.elements().size());
    assertTrue(v.elementsTruncated());
    assertEquals(15, v.elementsOmitted());

    ValueWriter none = new ValueWriter(256, 1 << 20, links, null, 0, 5);
    b.clear();
    none.write(b, l, ts, false, null, 0);
    assertTrue(readBack(b).elements().isEmpty(), "capture.elements.max=0: no element lineage");
  }

  private ValueRecord readBack(Buf b) {
    // The same decoding as describe(), for a value another writer wrote.
    Buf copy = new Buf(b.length());
    copy.append(b);
    ToolBlock tool =
        new ToolBlock(
            1,
            "t",
            "t",
            "x.T",
            "t",
            "(Ljava/lang/Object;)V",
            List.of("v"),
            List.of("java.lang.Object"),
            "void");
    BatchWriter w = new BatchWriter(1, 2, 3, 256);
    w.open("main");
    int c = w.beginCall(1, 2, 3, 0, tool, 10, 20, false, 0, Double.NaN);
    w.arguments(1, copy);
    dev.tooltrace.record.ValueEncoder.voidValue(w.buf());
    w.endCall(c);
    byte[] doc = w.finish().toByteArray();
    List<ValueRecord> out = new ArrayList<>();
    new DocumentDecoder()
        .decode(
            doc,
            doc.length,
            0,
            new RecordVisitor() {
              @Override
              public void onCall(CallRecord call) {
                out.add(call.args().get(0));
              }
            });
    return out.get(0);
  }

  /** A collection another thread changes while the agent reads it. */
  static final class ChangingCollection extends AbstractCollection<String> {
    @Override
    public Iterator<String> iterator() {
      return new Iterator<>() {
        int i;

        @Override
        public boolean hasNext() {
          return true;
        }

        @Override
        public String next() {
          if (i == 3) {
            throw new ConcurrentModificationException();
          }
          return "item " + i++;
        }
      };
    }

    @Override
    public int size() {
      return 10;
    }
  }

  @Test
  void aCollectionChangedWhileReadDegradesTheDescriptionNeverTheApplication() {
    long before = writer.degradedValues();
    Buf b = new Buf(64);
    writer.write(b, new ChangingCollection(), ts, false, null, 0); // nothing is thrown
    ValueRecord v = readBack(b);
    assertEquals(RecordFormat.VALUE_OBJECT, v.kind(), v.toString());
    assertTrue(v.elementsDegraded());
    assertEquals(3, v.elements().size(), "the elements read before the change are kept");
    assertEquals(before + 1, writer.degradedValues(), "and counted");
    assertTrue(v.preview().startsWith("[\"item 0\", \"item 1\", \"item 2\", …]"), v.preview());
  }

  @Test
  void aListMutatedByAnotherThreadWhileDescribedNeverThrowsIntoTheCaller() throws Exception {
    List<Object> shared = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      shared.add("v" + i);
    }
    AtomicBoolean stop = new AtomicBoolean();
    Thread mutator =
        new Thread(
            () -> {
              int i = 0;
              while (!stop.get()) {
                if (i++ % 2 == 0) {
                  shared.add("new" + i);
                } else if (!shared.isEmpty()) {
                  shared.remove(shared.size() - 1);
                }
              }
            });
    mutator.start();
    try {
      ThreadState mine = new ThreadState(Thread.currentThread(), 1, 2);
      Buf b = new Buf(256);
      for (int i = 0; i < 2000; i++) {
        b.clear();
        writer.write(b, shared, mine, false, null, 0); // must not throw, whatever it meets
        assertTrue(b.length() > 0);
      }
    } finally {
      stop.set(true);
      mutator.join();
    }
  }

  @Test
  void aSwitchedParameterGetsSampledHashesAndFewerElementsFlaggedAsSampled() {
    ValueBudget budget = new ValueBudget("tool", "buf", false);
    budget.sampled = true;
    byte[] big = new byte[1 << 20];
    ValueRecord v = describe(big, budget, 0);
    assertTrue(v.hashPartial());
    assertTrue(v.hashSampled());
    assertEquals(HASH.hex(big, true), v.hash());

    List<String> many = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      many.add("s" + i);
    }
    ValueRecord l = describe(many, budget, 0);
    assertEquals(ElementWalker.SAMPLED_MAX_ELEMENTS, l.elements().size());
    assertTrue(l.elementsTruncated());

    ValueRecord small = describe("short", budget, 0);
    assertFalse(small.hashPartial(), "small values stay exact in sampled mode");
    assertFalse(small.hashSampled());
  }

  @Test
  void theBudgetSwitchesAParameterAfterFiveExpensiveCallsInARowAndReportsItOnce(@TempDir Path tmp)
      throws Exception {
    Path log = tmp.resolve("agent.log");
    AgentLog.configure("info", Map.of(), "plain", log.toString(), 1 << 20);
    try {
      ValueWriter w = new ValueWriter(256, 1 << 20, links, null, 1024, 5);
      ValueBudget b = new ValueBudget("Matcher.match", "chars", false);
      for (int i = 0; i < 4; i++) {
        w.judge(b, 900_000, 100);
      }
      w.judge(b, 1_000, 100); // one cheap description resets the count
      for (int i = 0; i < 4; i++) {
        w.judge(b, 900_000, 100);
      }
      assertFalse(b.sampled);
      w.judge(b, 900_000, 100);
      assertTrue(b.sampled, "five in a row");
      for (int i = 0; i < 10; i++) {
        w.judge(b, 900_000, 100);
      }
      ValueBudget work = new ValueBudget("Parser.parse", "text", false);
      ValueBudget pinned = new ValueBudget("Matcher.match", "pattern", true);
      ValueBudget alike = new ValueBudget("Parser.tokenize", "text", false);
      for (int i = 0; i < 10; i++) {
        w.judge(work, 900_000, 2_000_000); // the call does more work than describing its value
        w.judge(alike, 9_000, 3_000); // 3 times the call: not "much more" (a JVM warming up)
        w.judge(pinned, 900_000, 100);
      }
      assertFalse(work.sampled, "worth it: the call itself costs more");
      assertFalse(alike.sampled, "worth it: the call costs about as much");
      assertFalse(pinned.sampled, "capture.hash keeps exact hashes");

      List<String> lines = Files.readAllLines(log);
      List<String> switches = lines.stream().filter(l -> l.contains("sampled hashes")).toList();
      assertEquals(1, switches.size(), String.valueOf(lines));
      String line = switches.get(0);
      assertTrue(line.contains("parameter 'chars' of tool 'Matcher.match'"), line);
      assertTrue(line.contains("900 us, more than 4 times the call itself (0.1 us)"), line);
      assertTrue(line.contains("capture.hash=Matcher.match#chars"), line);
      assertTrue(line.startsWith("[tooltrace] INFO"), line);
    } finally {
      AgentLog.configure("info", Map.of(), "plain", "", 0);
    }
  }

  @Test
  void onlyLargeValuesAreTimed() {
    ValueBudget b = new ValueBudget("t", "v", false);
    Buf buf = new Buf(64);
    assertEquals(-1, writer.write(buf, "short", ts, false, b, 0));
    assertEquals(-1, writer.write(buf, 7, ts, false, b, 0));
    assertEquals(-1, writer.write(buf, new byte[10], ts, false, b, 0));
    assertTrue(writer.write(buf, "x".repeat(5000), ts, false, b, 0) >= 0);
    List<Integer> hundred = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      hundred.add(i);
    }
    assertTrue(writer.write(buf, hundred, ts, false, b, 0) >= 0, "more elements than sampled");
    assertEquals(-1, writer.write(buf, hundred, ts, false, null, 0), "no budget, no clock");
    // Described as cheaply as the switch would make them: their time never counts.
    assertEquals(-1, writer.write(buf, List.of(1), ts, false, b, 0), "a short list");
    assertEquals(-1, writer.write(buf, new byte[2_000_000], ts, false, b, 0), "sampled for size");
    String cached = "c".repeat(50_000);
    assertTrue(writer.write(buf, cached, ts, false, b, 0) >= 0, "hashed in full the first time");
    assertEquals(-1, writer.write(buf, cached, ts, false, b, 0), "then from the cache");
  }

  @Test
  void immutableValuesAreHashedOncePerInstance() {
    HashCache cache = new HashCache(64);
    String s = "d".repeat(10_000);
    WeakIdentityTable.Slot slot = new WeakIdentityTable.Slot();
    assertFalse(cache.get(s, false, slot));
    cache.put(s, RecordFormat.HASH_CONTENT, 1, 2, false);
    assertTrue(cache.get(s, false, slot));
    assertEquals(1, slot.a);
    assertFalse(cache.get(new String(s), false, slot), "by identity, not by equality");

    String t = "e".repeat(10_000);
    cache.put(t, RecordFormat.HASH_PARTIAL, 3, 4, true);
    assertFalse(cache.get(t, false, slot), "a sampled-mode hash does not answer exact mode");
    assertTrue(cache.get(t, true, slot));
    assertFalse(HashCache.cacheable("short"));
    assertFalse(HashCache.cacheable(new StringBuilder("x".repeat(1000))), "mutable");

    // Through the writer: the cached hash is the one the content gives.
    String doc = "f".repeat(50_000);
    ValueRecord first = arg(doc);
    ValueRecord again = arg(doc);
    assertEquals(HASH.hex(doc), first.hash());
    assertEquals(first.hash(), again.hash());
    assertNull(arg(new String(doc)).producerSpanId());
  }
}
