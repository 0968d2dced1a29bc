/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import com.sun.management.ThreadMXBean;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.CallView;
import dev.tooltrace.record.CallViewVisitor;
import dev.tooltrace.record.DocumentReader;
import dev.tooltrace.record.QueueFiles;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunRecord;
import io.opentelemetry.exporter.internal.otlp.traces.LowAllocationTraceRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Encoding cost only, queue bytes to an OTLP traces request, per span, three ways on the same
 * recorded queue (no network): the lean path ({@link CallView} → {@link SpanEncoder}); records →
 * {@link CallMapper} → SpanData → the OTLP exporter's {@code TraceRequestMarshaler}; and the same
 * with its {@code LowAllocationTraceRequestMarshaler}. A measurement to run by hand (it chose the
 * lean path), not a test:
 *
 * <pre>
 * java [Chronicle --add-opens] -cp TEST_CLASSPATH dev.tooltrace.exporter.EncodeBench QUEUE_DIR [rounds=5]
 * </pre>
 */
public final class EncodeBench {
  private EncodeBench() {}

  private static final int BATCH = 512;

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    try (SingleChronicleQueue q = QueueFiles.openForReading(dir)) {
      for (int r = 1; r <= rounds; r++) {
        for (String way : List.of("lean", "sdk", "sdk-low-alloc")) {
          long cpu0 = mx.getCurrentThreadCpuTime();
          long alloc0 = mx.getCurrentThreadAllocatedBytes();
          long[] out = run(q, way);
          double us = (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / out[0];
          double bytes = (double) (mx.getCurrentThreadAllocatedBytes() - alloc0) / out[0];
          System.out.printf(
              "round %d %-14s %d spans: %.2f µs CPU/span, %.0f B allocated/span, %.0f B encoded/span%n",
              r, way, out[0], us, bytes, (double) out[1] / out[0]);
        }
      }
    }
    System.exit(0);
  }

  /** Returns {spans, encoded bytes}. */
  private static long[] run(SingleChronicleQueue q, String way) throws Exception {
    QualityTiers tiers = new QualityTiers(0.8, 0.5);
    RunResources resources = new RunResources(Resource.getDefault());
    long[] out = new long[2];
    if (way.equals("lean")) {
      SpanEncoder enc = new SpanEncoder(tiers);
      RequestBuilder rb =
          new RequestBuilder(
              RequestBuilder.scopeField(CallMapper.SCOPE.getName(), Versions.TOOLTRACE));
      read(
          q,
          new CallViewVisitor() {
            @Override
            public void onRun(RunRecord run) {
              resources.onRun(run);
            }

            @Override
            public void onCallView(CallView c) {
              enc.span(rb.items(c.runIdHi(), c.runIdLo()), c);
              rb.added();
              out[0]++;
              if (rb.itemCount() == BATCH) {
                out[1] += rb.build(resources).length;
              }
            }
          });
      if (!rb.isEmpty()) {
        out[1] += rb.build(resources).length;
      }
      return out;
    }
    CallMapper mapper = new CallMapper(tiers);
    List<SpanData> batch = new ArrayList<>();
    LowAllocationTraceRequestMarshaler low = new LowAllocationTraceRequestMarshaler();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
    read(
        q,
        new RecordVisitor() {
          @Override
          public void onRun(RunRecord run) {
            resources.onRun(run);
          }

          @Override
          public void onCall(CallRecord c) {
            batch.add(mapper.span(c, resources.forRun(c.runId())));
            out[0]++;
            if (batch.size() == BATCH) {
              out[1] += encode(way, batch, low, bytes);
              batch.clear();
            }
          }
        });
    if (!batch.isEmpty()) {
      out[1] += encode(way, batch, low, bytes);
    }
    return out;
  }

  private static int encode(
      String way,
      List<SpanData> spans,
      LowAllocationTraceRequestMarshaler low,
      ByteArrayOutputStream bytes) {
    try {
      bytes.reset();
      if (way.equals("sdk")) {
        TraceRequestMarshaler.create(spans).writeBinaryTo(bytes);
      } else {
        low.initialize(spans);
        low.writeBinaryTo(bytes);
        low.reset();
      }
      return bytes.size();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void read(SingleChronicleQueue q, RecordVisitor v) {
    DocumentReader r = new DocumentReader(v);
    try (ExcerptTailer t = q.createTailer()) {
      while (r.next(t)) {
        // every document
      }
    }
  }
}
