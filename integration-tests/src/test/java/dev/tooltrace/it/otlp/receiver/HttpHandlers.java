/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.otlp.receiver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/** OTLP/HTTP with binary protobuf bodies: {@code POST /v1/traces|metrics|logs}. */
final class HttpHandlers {
  private HttpHandlers() {}

  static void register(HttpServer server, OtlpReceiver r) {
    server.createContext(
        "/v1/traces",
        ex ->
            handle(
                ex,
                r,
                b -> r.traces.add(parse(ExportTraceServiceRequest::parseFrom, b)),
                ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
    server.createContext(
        "/v1/metrics",
        ex ->
            handle(
                ex,
                r,
                b -> r.metrics.add(parse(ExportMetricsServiceRequest::parseFrom, b)),
                ExportMetricsServiceResponse.getDefaultInstance().toByteArray()));
    server.createContext(
        "/v1/logs",
        ex ->
            handle(
                ex,
                r,
                b -> r.logs.add(parse(ExportLogsServiceRequest::parseFrom, b)),
                ExportLogsServiceResponse.getDefaultInstance().toByteArray()));
  }

  private static void handle(HttpExchange ex, OtlpReceiver r, Consumer<byte[]> keep, byte[] okBody)
      throws IOException {
    try (ex) {
      Map<String, String> h = new TreeMap<>();
      ex.getRequestHeaders()
          .forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      h.put(":path", ex.getRequestURI().getPath());
      r.headers.add(h);
      r.attempts++;
      if (!"POST".equals(ex.getRequestMethod())) {
        reply(ex, 405, new byte[0]);
        return;
      }
      byte[] body = read(ex);
      switch (r.mode) {
        case UNAVAILABLE:
          reply(ex, 503, new byte[0]);
          return;
        case HANG:
          r.hang.hold();
          reply(ex, 503, new byte[0]);
          return;
        default:
          break;
      }
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      if (type == null || !type.startsWith("application/x-protobuf")) {
        reply(ex, 415, ("expected application/x-protobuf, got " + type).getBytes());
        return;
      }
      try {
        keep.accept(body);
      } catch (IllegalArgumentException e) {
        reply(ex, 400, String.valueOf(e.getMessage()).getBytes());
        return;
      }
      if (r.takeLostAck()) {
        reply(ex, 503, new byte[0]);
        return;
      }
      ex.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      reply(ex, 200, okBody);
    }
  }

  private static byte[] read(HttpExchange ex) throws IOException {
    InputStream in = ex.getRequestBody();
    String enc = ex.getRequestHeaders().getFirst("Content-Encoding");
    if (enc != null && enc.toLowerCase(Locale.ROOT).contains("gzip")) {
      in = new GZIPInputStream(in);
    }
    return in.readAllBytes();
  }

  private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static <T> T parse(OtlpReceiver.Parser<T> p, byte[] body) {
    try {
      return p.parse(body);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not an OTLP protobuf: " + e.getMessage(), e);
    }
  }
}
