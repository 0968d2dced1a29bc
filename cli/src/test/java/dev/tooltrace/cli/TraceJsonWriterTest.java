/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import static dev.tooltrace.cli.TestQueue.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tooltrace.cli.TestQueue.V;
import dev.tooltrace.cli.analysis.TraceForest;
import dev.tooltrace.cli.analysis.TraceForest.Trace;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.cli.render.TraceJson;
import dev.tooltrace.cli.render.TraceJsonWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming {@code show --json} writes exactly what printing the whole tree wrote. */
class TraceJsonWriterTest {
  @TempDir Path dir;

  private List<Trace> traces(int n) {
    Path q = dir.resolve("q" + n);
    try (TestQueue t = new TestQueue(q)) {
      t.run(TestQueue.T0);
      for (int i = 0; i < n; i++) {
        t.batch(
            1,
            "main",
            call(0x100 + i, 0, "tool" + i, i, 1)
                .trace(0x20 + i)
                .arg("x", V.str("in " + i))
                .returns(V.str("out " + i)));
      }
    }
    return TraceForest.build(QueueLoader.load(q, new PrintWriter(new StringWriter())).calls());
  }

  @Test
  void streamedEqualsTheWholeTree() {
    for (int n : new int[] {0, 1, 3}) {
      List<Trace> traces = n == 0 ? List.of() : traces(n);
      assertEquals(n, traces.size());
      StringWriter whole = new StringWriter();
      PrintWriter w = new PrintWriter(whole);
      w.println(Json.pretty(TraceJson.of(traces)));
      w.flush();
      StringWriter streamed = new StringWriter();
      PrintWriter s = new PrintWriter(streamed);
      try (TraceJsonWriter tw = new TraceJsonWriter(s)) {
        traces.forEach(tw::add);
      }
      s.flush();
      assertEquals(whole.toString(), streamed.toString(), n + " traces");
    }
  }
}
