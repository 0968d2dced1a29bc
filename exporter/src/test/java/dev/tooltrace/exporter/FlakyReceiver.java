/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tooltrace.it.otlp.receiver.OtlpReceiver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP traces receiver whose answer to each request is chosen by the test, by request
 * number: accept, refuse (503, nothing kept), keep the spans but lose the acknowledgement (503
 * after keeping: the at-least-once duplicate case), hang until the exporter gives up, or accept
 * after a delay (so answers come back out of order). It notes, per kept request, the spans and the
 * time the answer was sent. Logs and metrics are accepted and ignored.
 */
final class FlakyReceiver implements AutoCloseable {
  enum Answer {
    OK,
    REFUSE,
    LOSE_ACK,
    HANG,
    SLOW
  }

  /** One request that reached the receiver's store. */
  record Kept(int request, List<String> spanIds, boolean acknowledged, long answeredNanos) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final IntFunction<Answer> policy;
  private final long hangMillis;
  private final long slowMillis;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<Kept> kept = new ArrayList<>();
  private volatile boolean closed;

  FlakyReceiver(IntFunction<Answer> policy, long hangMillis, long slowMillis) throws IOException {
    this.policy = policy;
    this.hangMillis = hangMillis;
    this.slowMillis = slowMillis;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(threads);
    server.createContext("/v1/traces", this::traces);
    server.createContext("/v1/logs", this::ignore);
    server.createContext("/v1/metrics", this::ignore);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int requests() {
    return requests.get();
  }

  synchronized List<Kept> kept() {
    return List.copyOf(kept);
  }

  /** Every span id kept, as many times as it was kept. */
  synchronized List<String> spanIds() {
    List<String> out = new ArrayList<>();
    kept.forEach(k -> out.addAll(k.spanIds()));
    return out;
  }

  synchronized Set<String> distinctSpanIds() {
    return new HashSet<>(spanIds());
  }

  private void traces(HttpExchange e) throws IOException {
    int n = requests.incrementAndGet();
    byte[] body;
    try (InputStream raw = e.getRequestBody()) {
      InputStream in =
          "gzip".equalsIgnoreCase(e.getRequestHeaders().getFirst("Content-Encoding"))
              ? new GZIPInputStream(raw)
              : raw;
      body = in.readAllBytes();
    }
    Answer a = policy.apply(n);
    switch (a) {
      case REFUSE:
        reply(e, 503);
        return;
      case HANG:
        sleep(hangMillis);
        reply(e, 503);
        return;
      case SLOW:
        sleep(slowMillis);
        break;
      default:
        break;
    }
    List<String> ids = new ArrayList<>();
    ExportTraceServiceRequest.parseFrom(body)
        .getResourceSpansList()
        .forEach(
            rs ->
                rs.getScopeSpansList()
                    .forEach(
                        ss ->
                            ss.getSpansList()
                                .forEach(s -> ids.add(OtlpReceiver.hex(s.getSpanId())))));
    boolean ack = a != Answer.LOSE_ACK;
    synchronized (this) {
      kept.add(new Kept(n, ids, ack, System.nanoTime()));
    }
    reply(e, ack ? 200 : 503);
  }

  private void ignore(HttpExchange e) throws IOException {
    try (InputStream in = e.getRequestBody()) {
      in.readAllBytes();
    }
    reply(e, 200);
  }

  private void reply(HttpExchange e, int status) throws IOException {
    try (e) {
      if (status == 200) {
        e.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      }
      e.sendResponseHeaders(status, -1);
    }
  }

  private void sleep(long millis) {
    long end = System.currentTimeMillis() + millis;
    while (!closed && System.currentTimeMillis() < end) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    threads.shutdownNow();
  }
}
