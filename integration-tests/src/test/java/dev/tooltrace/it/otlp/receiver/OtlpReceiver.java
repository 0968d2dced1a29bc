/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.otlp.receiver;

import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real OTLP receiver for tests: decodes the official protobufs (opentelemetry-proto) received
 * over gRPC (grpc-java, Netty) and over HTTP/protobuf (JDK HttpServer: {@code /v1/traces}, {@code
 * /v1/metrics}, {@code /v1/logs}), both on free loopback ports, and keeps every request for
 * assertions. For fault tests it can be stopped and restarted on the same ports, and told to answer
 * errors or to hang.
 */
public final class OtlpReceiver implements AutoCloseable {
  /** How the receiver answers. */
  public enum Mode {
    /** Accept and keep every request. */
    ACCEPT,
    /** Answer gRPC UNAVAILABLE / HTTP 503 (a retryable error) and keep nothing. */
    UNAVAILABLE,
    /** Never answer (until the mode changes or the receiver stops); keep nothing. */
    HANG
  }

  final List<ExportTraceServiceRequest> traces = new CopyOnWriteArrayList<>();
  final List<ExportMetricsServiceRequest> metrics = new CopyOnWriteArrayList<>();
  final List<ExportLogsServiceRequest> logs = new CopyOnWriteArrayList<>();
  final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
  final Hang hang = new Hang();
  volatile Mode mode = Mode.ACCEPT;
  volatile int attempts;
  private int lostAcks;

  private int grpcPort;
  private int httpPort;
  private Server grpc;
  private HttpServer http;
  private ExecutorService httpExecutor;

  private OtlpReceiver() {}

  /** Starts both transports on free loopback ports. */
  public static OtlpReceiver start() throws IOException {
    OtlpReceiver r = new OtlpReceiver();
    r.bind(0, 0);
    return r;
  }

  private synchronized void bind(int grpcWanted, int httpWanted) throws IOException {
    GrpcServices services = new GrpcServices(this);
    grpc =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", grpcWanted))
            .addService(ServerInterceptors.intercept(services.traces(), services.headers()))
            .addService(ServerInterceptors.intercept(services.metrics(), services.headers()))
            .addService(ServerInterceptors.intercept(services.logs(), services.headers()))
            .build()
            .start();
    grpcPort = grpc.getPort();
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpWanted), 0);
    httpExecutor = Executors.newCachedThreadPool();
    http.setExecutor(httpExecutor);
    HttpHandlers.register(http, this);
    http.start();
    httpPort = http.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT} of the gRPC transport. */
  public String grpcEndpoint() {
    return "http://127.0.0.1:" + grpcPort;
  }

  /** {@code http://127.0.0.1:PORT} of the HTTP transport (the exporter appends /v1/...). */
  public String httpEndpoint() {
    return "http://127.0.0.1:" + httpPort;
  }

  /**
   * The next {@code n} requests are kept but answered with an error: the backend stored the data
   * and the acknowledgement got lost, the case where at-least-once delivery duplicates.
   */
  public synchronized void loseNextAcks(int n) {
    lostAcks = n;
  }

  synchronized boolean takeLostAck() {
    if (lostAcks > 0) {
      lostAcks--;
      return true;
    }
    return false;
  }

  public void mode(Mode m) {
    this.mode = m;
    if (m != Mode.HANG) {
      hang.release();
    }
  }

  /** Stops both transports (connections refused from now on); the ports are kept for restart. */
  public synchronized void stop() {
    hang.release();
    if (grpc != null) {
      grpc.shutdownNow();
      try {
        grpc.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      grpc = null;
    }
    if (http != null) {
      http.stop(0);
      httpExecutor.shutdownNow();
      http = null;
    }
  }

  /** Starts again on the same ports as before. */
  public synchronized void restart() throws IOException {
    stop();
    IOException last = null;
    for (int i = 0; i < 50; i++) {
      try {
        bind(grpcPort, httpPort);
        return;
      } catch (IOException e) {
        last = e; // the old socket may linger a moment
        stop();
        sleep(100);
      }
    }
    throw last;
  }

  @Override
  public void close() {
    stop();
  }

  // ---- what was received ----

  public List<ExportTraceServiceRequest> traceRequests() {
    return List.copyOf(traces);
  }

  public List<ExportMetricsServiceRequest> metricRequests() {
    return List.copyOf(metrics);
  }

  public List<ExportLogsServiceRequest> logRequests() {
    return List.copyOf(logs);
  }

  /** Request headers (lower-case names) of every request, accepted or not. */
  public List<Map<String, String>> requestHeaders() {
    return List.copyOf(headers);
  }

  /** Requests seen, including those answered with an error or left hanging. */
  public int attempts() {
    return attempts;
  }

  /** Every received span with the resource it came with, in arrival order. */
  public List<ReceivedSpan> spans() {
    List<ReceivedSpan> out = new ArrayList<>();
    for (ExportTraceServiceRequest req : traces) {
      req.getResourceSpansList()
          .forEach(
              rs ->
                  rs.getScopeSpansList()
                      .forEach(
                          ss ->
                              ss.getSpansList()
                                  .forEach(s -> out.add(new ReceivedSpan(rs.getResource(), s)))));
    }
    return out;
  }

  /** Distinct span ids received, lowercase hex. */
  public Set<String> spanIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (ReceivedSpan s : spans()) {
      ids.add(s.spanId());
    }
    return ids;
  }

  /** Every received log record with its resource. */
  public List<ReceivedLog> logRecords() {
    List<ReceivedLog> out = new ArrayList<>();
    for (ExportLogsServiceRequest req : logs) {
      req.getResourceLogsList()
          .forEach(
              rl ->
                  rl.getScopeLogsList()
                      .forEach(
                          sl ->
                              sl.getLogRecordsList()
                                  .forEach(l -> out.add(new ReceivedLog(rl.getResource(), l)))));
    }
    return out;
  }

  /** Every metric of every request, in arrival order (later requests repeat cumulative ones). */
  public List<Metric> metrics() {
    List<Metric> out = new ArrayList<>();
    for (ExportMetricsServiceRequest req : metrics) {
      req.getResourceMetricsList()
          .forEach(rm -> rm.getScopeMetricsList().forEach(sm -> out.addAll(sm.getMetricsList())));
    }
    return out;
  }

  /** The latest received metric of that name, or null. */
  public Metric lastMetric(String name) {
    Metric found = null;
    for (Metric m : metrics()) {
      if (m.getName().equals(name)) {
        found = m;
      }
    }
    return found;
  }

  /** Waits until {@code condition} holds; throws AssertionError after {@code timeout}. */
  public static void await(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      sleep(20);
    }
  }

  // ---- protobuf helpers ----

  public static String hex(com.google.protobuf.ByteString b) {
    return HexFormat.of().formatHex(b.toByteArray());
  }

  /**
   * The value of attribute {@code key} as a Java value (String, Long, Double, Boolean), or null.
   */
  public static Object attr(List<KeyValue> attrs, String key) {
    for (KeyValue kv : attrs) {
      if (kv.getKey().equals(key)) {
        return value(kv.getValue());
      }
    }
    return null;
  }

  public static Object value(AnyValue v) {
    switch (v.getValueCase()) {
      case STRING_VALUE:
        return v.getStringValue();
      case INT_VALUE:
        return v.getIntValue();
      case DOUBLE_VALUE:
        return v.getDoubleValue();
      case BOOL_VALUE:
        return v.getBoolValue();
      default:
        return v.toString();
    }
  }

  /** One span and its resource. */
  public record ReceivedSpan(Resource resource, Span span) {
    public String spanId() {
      return hex(span.getSpanId());
    }

    public String traceId() {
      return hex(span.getTraceId());
    }

    public String parentSpanId() {
      return hex(span.getParentSpanId());
    }

    public String name() {
      return span.getName();
    }

    public Object attr(String key) {
      return OtlpReceiver.attr(span.getAttributesList(), key);
    }

    public Object resourceAttr(String key) {
      return OtlpReceiver.attr(resource.getAttributesList(), key);
    }
  }

  /** One log record and its resource. */
  public record ReceivedLog(Resource resource, LogRecord log) {
    public Object attr(String key) {
      return OtlpReceiver.attr(log.getAttributesList(), key);
    }

    public String spanId() {
      return hex(log.getSpanId());
    }

    public String traceId() {
      return hex(log.getTraceId());
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  interface Parser<T> {
    T parse(byte[] b) throws com.google.protobuf.InvalidProtocolBufferException;
  }
}
