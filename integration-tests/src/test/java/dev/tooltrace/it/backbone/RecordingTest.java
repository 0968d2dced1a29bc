/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.it.app.ShapesApp;
import dev.tooltrace.it.harness.ForkedJvm;
import dev.tooltrace.it.harness.Jdks;
import dev.tooltrace.it.harness.Recorded;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.Hex;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ValueRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged agent in a forked JVM, on Java 17 and on the newest JDK installed, over an app with
 * every method shape: what the queue holds afterwards, and that the app saw no difference.
 */
class RecordingTest {
  @TempDir Path tmp;

  static List<Path> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void recordsEveryShapeAndTheAppSeesNoDifference(Path jdk) throws Exception {
    Path dir = tmp.resolve("queue");
    ForkedJvm.Result plain = ForkedJvm.of(ShapesApp.class.getName()).jdk(jdk).run();
    ForkedJvm.Result traced =
        ForkedJvm.of(ShapesApp.class.getName())
            .jdk(jdk)
            .agent("dir=" + dir + ",export=none,http.enabled=false")
            .run();
    assertEquals(0, plain.exitCode(), plain.stderr());
    assertEquals(0, traced.exitCode(), traced.stderr());
    assertEquals(plain.stdout(), traced.stdout(), "the application's output must not change");
    assertTrue(traced.stdout().contains("checked: same instance=true"));
    assertFalse(traced.stderr().contains("Exception"), traced.stderr());
    // JDK 22+: native access by the libraries behind the queue prints no "restricted method"
    // notice on the application's stderr (the agent enables it in the JVM's default mode).
    assertFalse(traced.stderr().contains("restricted method"), traced.stderr());

    Recorded r = Recorded.read(dir);
    assertEquals(1, r.runs.size());
    String runId = r.runs.get(0).runId();
    assertTrue(Hex.isHex(runId, 32));
    assertEquals(1, r.ends.size(), "an orderly exit writes RUN_END");

    // Every record: W3C-sized ids, unique span ids, this run, sane times.
    Set<String> spans = new HashSet<>();
    long now = System.currentTimeMillis() * 1_000_000L;
    for (CallRecord c : r.calls) {
      assertTrue(Hex.isHex(c.traceId(), 32), c.traceId());
      assertTrue(Hex.isHex(c.spanId(), 16), c.spanId());
      assertTrue(c.parentSpanId().isEmpty() || Hex.isHex(c.parentSpanId(), 16));
      assertTrue(spans.add(c.spanId()), "duplicate span id " + c.spanId());
      assertEquals(runId, c.runId());
      assertTrue(c.durationNanos() >= 0);
      assertTrue(Math.abs(now - c.startEpochNanos()) < 600_000_000_000L, "start time " + c);
      assertFalse(c.threadName().isEmpty());
    }

    CallRecord add =
        r.tool("ShapesApp.add").stream()
            .filter(c -> c.threadName().equals("main"))
            .findFirst()
            .orElseThrow();
    assertEquals("dev.tooltrace.it.app.ShapesApp", add.codeNamespace());
    assertEquals("add", add.codeFunction());
    assertEquals(
        List.of("int", "int"),
        add.args().stream().map(ValueRecord::declaredType).collect(Collectors.toList()));
    assertEquals("2", add.args().get(0).preview());
    assertEquals("3", add.args().get(1).preview());
    assertEquals("5", add.result().preview());
    assertNotNull(add.result().hash());
    assertTrue(add.isRoot());
    assertFalse(add.error());

    CallRecord mul = r.one("custom.name");
    assertEquals("compute", mul.operation());
    assertEquals("42", mul.result().preview());

    assertTrue(r.one("ShapesApp.noop").result().isVoid());

    CallRecord arr = r.one("ShapesApp.arr");
    assertEquals(
        List.of("1.5", "2.5", "c", "4", "5", "true"),
        arr.args().stream().map(ValueRecord::preview).collect(Collectors.toList()));
    assertEquals(
        List.of("float", "double", "char", "byte", "short", "boolean"),
        arr.args().stream().map(ValueRecord::declaredType).collect(Collectors.toList()));
    assertEquals("double[]", arr.result().actualType());
    assertEquals(6, arr.result().size());

    CallRecord concat = r.one("ShapesApp.concat");
    assertEquals("java.lang.Object", concat.args().get(1).declaredType());
    assertTrue(concat.args().get(1).actualType().startsWith("java.util.ImmutableCollections"));
    assertEquals("[1, 2]", concat.args().get(1).preview());
    assertEquals("a[1, 2]", concat.result().preview());

    CallRecord checked = r.one("ShapesApp.checked");
    assertTrue(checked.error());
    assertEquals("java.io.IOException", checked.errorInfo().type());
    assertEquals("boom", checked.errorInfo().message());
    assertTrue(
        checked.errorInfo().stackTrace().contains("ShapesApp.checked"),
        checked.errorInfo().stackTrace());
    CallRecord unchecked = r.one("ShapesApp.unchecked");
    assertEquals("java.lang.IllegalStateException", unchecked.errorInfo().type());
    assertEquals("bad 7", unchecked.errorInfo().message());

    // Recursion: fact(5) .. fact(1), each the parent of the next, one trace.
    List<CallRecord> fact = r.tool("ShapesApp.fact");
    assertEquals(5, fact.size());
    CallRecord top = fact.stream().filter(CallRecord::isRoot).findFirst().orElseThrow();
    assertEquals("5", top.args().get(0).preview());
    CallRecord cur = top;
    for (int n = 4; n >= 1; n--) {
      String parent = cur.spanId();
      cur = fact.stream().filter(c -> c.parentSpanId().equals(parent)).findFirst().orElseThrow();
      assertEquals(String.valueOf(n), cur.args().get(0).preview());
      assertEquals(top.traceId(), cur.traceId());
    }

    assertEquals("hello ann", r.one("Greeter.greet").result().preview());
    assertEquals("Point[x=4, y=6]", r.one("Point.plus").result().preview());
    assertEquals("4", r.one("Op.apply").result().preview());
    assertEquals("n", r.one("Nested.nested").result().preview());
    assertEquals(1, r.tool("WholeClass.a").size());
    assertEquals(1, r.tool("WholeClass.b").size());
    assertEquals(1, r.tool("WholeClass.callsPrivate").size());
    assertEquals(0, r.tool("WholeClass.c").size(), "private methods of a @Tracked class");

    // Three levels of nesting.
    CallRecord l1 = r.one("ShapesApp.level1");
    CallRecord l2 = r.one("ShapesApp.level2");
    CallRecord l3 = r.one("ShapesApp.level3");
    assertTrue(l1.isRoot());
    assertEquals(l1.spanId(), l2.parentSpanId());
    assertEquals(l2.spanId(), l3.parentSpanId());
    assertEquals(l1.traceId(), l3.traceId());
    assertTrue(l1.durationNanos() >= l2.durationNanos());

    // Hostile and huge arguments are described without disturbing the app.
    ValueRecord evil = r.one("ShapesApp.describe").args().get(0);
    assertTrue(evil.preview().contains("toString() threw"), evil.preview());
    assertNull(evil.hash(), "a plain object has identity, not content");
    ValueRecord huge = r.one("ShapesApp.length").args().get(0);
    assertEquals(10_000_000L, huge.size());
    assertEquals(256, huge.preview().length());
    assertTrue(huge.previewTruncated());
    assertTrue(huge.hashPartial());

    // Redaction: no preview, no hash.
    ValueRecord password = r.one("ShapesApp.login").args().get(1);
    assertTrue(password.isRedacted());
    assertNull(password.hash());
    assertFalse(
        String.join(
                "",
                java.nio.file.Files.readAllLines(
                    dir.resolve(
                        Files.list(dir)
                            .filter(p -> p.toString().endsWith(".cq4"))
                            .findFirst()
                            .orElseThrow()),
                    java.nio.charset.StandardCharsets.ISO_8859_1))
            .contains("hunter2"));

    // Confidence: in range recorded; out of range rejected and flagged, never clamped.
    List<CallRecord> conf = r.tool("ShapesApp.confident");
    assertEquals(0.9, conf.get(0).confidence());
    assertNull(conf.get(1).confidence());
    assertTrue(conf.get(1).hasFlag(RecordFormat.FLAG_CONFIDENCE_REJECTED));
    assertTrue(traced.stderr().contains("confidence 1.5"), traced.stderr());

    // Concurrency: 4 threads x 50 calls, each thread its own roots.
    List<CallRecord> workers =
        r.tool("ShapesApp.add").stream()
            .filter(c -> c.threadName().startsWith("worker-"))
            .collect(Collectors.toList());
    assertEquals(200, workers.size());
    assertEquals(4, workers.stream().map(CallRecord::threadName).distinct().count());
    assertTrue(workers.stream().allMatch(CallRecord::isRoot));
  }
}
