/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends one signal's export requests, already encoded ({@link RequestBuilder}), through the
 * OpenTelemetry exporter's own sender for that signal and protocol ({@link OtlpExporters} obtains
 * it, configured by {@code OTEL_EXPORTER_OTLP_*}: endpoint, headers, compression, timeout, TLS).
 * The sender is asynchronous, so several requests may be in flight; the pipeline bounds how many.
 * The outcome arrives on a sender thread: {@code null} when the backend accepted the request, else
 * one line saying why not.
 */
abstract class OtlpChannel {
  final String signal;

  /** The sender's class, for the start line and tests (which transport really sends). */
  final String senderName;

  OtlpChannel(String signal, String senderName) {
    this.signal = signal;
    this.senderName = senderName;
  }

  /** Sends {@code body}; {@code done} gets null (accepted) or the failure, exactly once. */
  abstract void send(byte[] body, Consumer<String> done);

  abstract void shutdown();

  static OtlpChannel http(String signal, HttpSender sender) {
    return new OtlpChannel(signal, sender.getClass().getSimpleName()) {
      @Override
      void send(byte[] body, Consumer<String> done) {
        try {
          sender.send(
              writer(body),
              r -> done.accept(httpFailure(signal, r)),
              t -> done.accept(failure(signal, t)));
        } catch (RuntimeException e) {
          done.accept(failure(signal, e));
        }
      }

      @Override
      void shutdown() {
        sender.shutdown().join(5, TimeUnit.SECONDS);
      }
    };
  }

  static OtlpChannel grpc(String signal, GrpcSender sender) {
    return new OtlpChannel(signal, sender.getClass().getSimpleName()) {
      @Override
      void send(byte[] body, Consumer<String> done) {
        try {
          sender.send(
              writer(body),
              r -> done.accept(grpcFailure(signal, r)),
              t -> done.accept(failure(signal, t)));
        } catch (RuntimeException e) {
          done.accept(failure(signal, e));
        }
      }

      @Override
      void shutdown() {
        sender.shutdown().join(5, TimeUnit.SECONDS);
      }
    };
  }

  private static MessageWriter writer(byte[] body) {
    return new MessageWriter() {
      @Override
      public void writeMessage(OutputStream out) throws IOException {
        out.write(body);
      }

      @Override
      public int getContentLength() {
        return body.length;
      }
    };
  }

  static String httpFailure(String signal, HttpResponse r) {
    int code = r.getStatusCode();
    if (code >= 200 && code < 300) {
      return null;
    }
    return signal + ": HTTP " + code + detail(r.getStatusMessage(), r.getResponseBody());
  }

  static String grpcFailure(String signal, GrpcResponse r) {
    if (r.getStatusCode() == GrpcStatusCode.OK) {
      return null;
    }
    String d = r.getStatusDescription();
    return signal + ": gRPC " + r.getStatusCode() + (d == null || d.isEmpty() ? "" : " " + d);
  }

  static String failure(String signal, Throwable t) {
    String m = t.getMessage();
    return signal + ": " + (m != null ? m : t.getClass().getSimpleName());
  }

  private static String detail(String message, byte[] body) {
    StringBuilder sb = new StringBuilder();
    if (message != null && !message.isEmpty()) {
      sb.append(' ').append(message);
    }
    if (body != null && body.length > 0 && body.length < 512) {
      String text = new String(body, StandardCharsets.UTF_8).replace('\n', ' ').trim();
      if (!text.isEmpty() && text.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
        sb.append(": ").append(text);
      }
    }
    return sb.toString();
  }
}
