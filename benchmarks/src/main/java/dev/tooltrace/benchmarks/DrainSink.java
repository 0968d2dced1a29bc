/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * The drain benchmark's OTLP receiver on 127.0.0.1, over both transports: OTLP/HTTP ({@code POST
 * /v1/traces|logs|metrics}, a JDK {@link HttpServer}, as {@link OtlpSink}) and OTLP/gRPC (grpc-java
 * on Netty, the three {@code Export} methods with byte-array marshallers, so no protobuf is
 * decoded). Every request is accepted with an empty response; trace requests are counted span by
 * span with {@link SpanCounter}, and the time from the first to the last trace request is kept, so
 * a drain's rate can be read at the receiver: {@code GET /count} answers {@code spans requests
 * failures windowSeconds}, {@code GET /reset} starts over.
 *
 * <p>Arguments: {@code portFile=FILE} (written as {@code httpPort grpcPort} once both accept).
 */
public final class DrainSink implements AutoCloseable {
  private static final String[] SERVICES = {
    "opentelemetry.proto.collector.trace.v1.TraceService",
    "opentelemetry.proto.collector.logs.v1.LogsService",
    "opentelemetry.proto.collector.metrics.v1.MetricsService"
  };

  private final HttpServer http;
  private final ExecutorService httpThreads;
  private final Server grpc;
  private final AtomicLong spans = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong firstNanos = new AtomicLong();
  private final AtomicLong lastNanos = new AtomicLong();

  public DrainSink() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    httpThreads =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "drain-sink-http");
              t.setDaemon(true);
              return t;
            });
    http.setExecutor(httpThreads);
    http.createContext("/v1/traces", e -> accept(e, true));
    http.createContext("/v1/metrics", e -> accept(e, false));
    http.createContext("/v1/logs", e -> accept(e, false));
    http.createContext("/count", this::count);
    http.createContext("/reset", this::reset);
    http.start();
    NettyServerBuilder b =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .maxInboundMessageSize(64 << 20);
    for (String service : SERVICES) {
      b.addService(service(service, service.contains(".trace.")));
    }
    grpc = b.build().start();
  }

  public int httpPort() {
    return http.getAddress().getPort();
  }

  public int grpcPort() {
    return grpc.getPort();
  }

  public long spans() {
    return spans.get();
  }

  public long requests() {
    return requests.get();
  }

  private ServerServiceDefinition service(String name, boolean traces) {
    MethodDescriptor<byte[], byte[]> export =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(name, "Export"))
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();
    return ServerServiceDefinition.builder(name)
        .addMethod(
            export,
            ServerCalls.asyncUnaryCall(
                (body, out) -> {
                  try {
                    received(body, body.length, traces);
                    out.onNext(new byte[0]);
                    out.onCompleted();
                  } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    out.onError(
                        io.grpc.Status.INVALID_ARGUMENT
                            .withDescription(e.toString())
                            .asException());
                  }
                }))
        .build();
  }

  private void received(byte[] body, int len, boolean traces) {
    requests.incrementAndGet();
    if (traces) {
      long now = System.nanoTime();
      firstNanos.compareAndSet(0, now);
      spans.addAndGet(SpanCounter.count(body, len));
      lastNanos.accumulateAndGet(now, Math::max);
    }
  }

  private void accept(HttpExchange e, boolean traces) throws IOException {
    int status = 200;
    try (InputStream raw = e.getRequestBody()) {
      InputStream in =
          "gzip".equalsIgnoreCase(e.getRequestHeaders().getFirst("Content-Encoding"))
              ? new GZIPInputStream(raw)
              : raw;
      byte[] body = in.readAllBytes();
      received(body, body.length, traces);
    } catch (IOException | RuntimeException ex) {
      failures.incrementAndGet();
      System.err.println("drain-sink: bad request on " + e.getRequestURI() + ": " + ex);
      status = 400;
    }
    e.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    e.sendResponseHeaders(status, -1);
    e.close();
  }

  private void count(HttpExchange e) throws IOException {
    long first = firstNanos.get();
    double window = first == 0 ? 0 : (lastNanos.get() - first) / 1e9;
    text(e, spans.get() + " " + requests.get() + " " + failures.get() + " " + window + "\n");
  }

  private void reset(HttpExchange e) throws IOException {
    spans.set(0);
    requests.set(0);
    failures.set(0);
    firstNanos.set(0);
    lastNanos.set(0);
    text(e, "reset\n");
  }

  private static void text(HttpExchange e, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    e.getResponseHeaders().set("Content-Type", "text/plain");
    e.sendResponseHeaders(200, b.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    grpc.shutdownNow();
    http.stop(0);
    httpThreads.shutdownNow();
  }

  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new IllegalArgumentException(e);
          }
        }
      };

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    DrainSink sink = new DrainSink();
    Path portFile = Path.of(a.text("portFile", "drain-sink.port"));
    Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(tmp, sink.httpPort() + " " + sink.grpcPort());
    Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Runtime.getRuntime().addShutdownHook(new Thread(sink::close));
    Thread.currentThread().join();
  }
}
