/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * The benchmarks' OTLP/HTTP receiver on 127.0.0.1: accepts {@code /v1/traces}, {@code /v1/metrics}
 * and {@code /v1/logs} and answers 200 with an empty (valid) protobuf response, so exporters never
 * retry or back off. With {@code count=true} it decodes trace requests and counts spans, served as
 * text at {@code GET /count}; without, it only reads the bytes, so that it takes as little CPU as
 * possible from the measured JVM on a 2-core machine.
 *
 * <p>Arguments: {@code portFile=FILE count=true|false}. The chosen port is written to portFile once
 * the server accepts connections.
 */
public final class OtlpSink implements AutoCloseable {
  private final HttpServer server;
  private final boolean count;
  private final AtomicLong spans = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  public OtlpSink(boolean count) throws IOException {
    this.count = count;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "otlp-sink");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/v1/traces", e -> accept(e, true));
    server.createContext("/v1/metrics", e -> accept(e, false));
    server.createContext("/v1/logs", e -> accept(e, false));
    server.createContext("/count", this::count);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public long spans() {
    return spans.get();
  }

  public long requests() {
    return requests.get();
  }

  private void accept(HttpExchange e, boolean traces) throws IOException {
    int status = 200;
    try (InputStream raw = e.getRequestBody()) {
      InputStream in =
          "gzip".equalsIgnoreCase(e.getRequestHeaders().getFirst("Content-Encoding"))
              ? new GZIPInputStream(raw)
              : raw;
      byte[] body = in.readAllBytes();
      requests.incrementAndGet();
      if (traces && count) {
        long n = 0;
        for (ResourceSpans rs : ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()) {
          for (ScopeSpans ss : rs.getScopeSpansList()) {
            n += ss.getSpansCount();
          }
        }
        spans.addAndGet(n);
      }
    } catch (IOException | RuntimeException ex) {
      failures.incrementAndGet();
      System.err.println("otlp-sink: bad request on " + e.getRequestURI() + ": " + ex);
      status = 400;
    }
    e.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    e.sendResponseHeaders(status, -1);
    e.close();
  }

  private void count(HttpExchange e) throws IOException {
    byte[] text =
        (spans.get() + " " + requests.get() + " " + failures.get() + "\n")
            .getBytes(StandardCharsets.UTF_8);
    e.getResponseHeaders().set("Content-Type", "text/plain");
    e.sendResponseHeaders(200, text.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(text);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    OtlpSink sink = new OtlpSink(Boolean.parseBoolean(a.text("count", "false")));
    Path portFile = Path.of(a.text("portFile", "otlp-sink.port"));
    Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(tmp, Integer.toString(sink.port()));
    Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Runtime.getRuntime().addShutdownHook(new Thread(sink::close));
    Thread.currentThread().join();
  }
}
